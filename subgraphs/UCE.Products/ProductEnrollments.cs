using Microsoft.EntityFrameworkCore;
using UCE.Products.Data;
using UCE.Products.Types;
using UCE.Subgraphs.Hosting.Errors;
using UCE.Subgraphs.Hosting.Events.Interactions;
using UCE.Subgraphs.Hosting.Identity;

namespace UCE.Products;

/// <summary>Enrolls customers in products and cancels enrollments, enforcing one open enrollment per customer and product.</summary>
public sealed class ProductEnrollments(ProductsDbContext db, InteractionOutbox interactions, TimeProvider clock)
{
    public async Task<EnrollmentPayload> EnrollAsync(EnrollInput input, CallerIdentity caller, CancellationToken cancellationToken)
    {
        var customerId = Required(input.CustomerId, "customerId");
        var productId = Required(input.ProductId, "productId");

        if (!await db.CustomerProfiles.AnyAsync(c => c.CustomerId == customerId, cancellationToken))
        {
            throw new DomainError(ProductErrorCodes.CustomerNotFound, $"No customer has id '{customerId}'.");
        }

        var product = await db.Products.AsNoTracking().SingleOrDefaultAsync(p => p.Id == productId, cancellationToken)
            ?? throw new DomainError(ProductErrorCodes.ProductNotFound, $"No product has id '{productId}'.");

        if (await HoldsAsync(customerId, productId, cancellationToken))
        {
            throw AlreadyEnrolled(customerId, productId);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var enrollment = Enrollment.Start($"enr-{Guid.CreateVersion7():N}", customerId, product, now, caller.Subject);
        db.Enrollments.Add(enrollment);
        interactions.Add(db, InteractionEventTypes.EnrollmentMade, customerId, caller, "Product enrollment", $"Enrolled in {product.Name}.", "Enrollment", enrollment.Id, now);
        var offers = await db.Offers
            .Where(o => o.CustomerId == customerId && o.ProductId == productId && o.AcceptedAt == null)
            .ToListAsync(cancellationToken);
        foreach (var offer in offers)
        {
            offer.AcceptedAt = now;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A concurrent request may have enrolled the same customer first; the unique index refused this one.
            db.ChangeTracker.Clear();
            if (await HoldsAsync(customerId, productId, cancellationToken))
            {
                throw AlreadyEnrolled(customerId, productId);
            }

            throw;
        }

        return new EnrollmentPayload(enrollment);
    }

    public async Task<EnrollmentPayload> CancelAsync(string id, CallerIdentity caller, CancellationToken cancellationToken)
    {
        var enrollmentId = Required(id, "id");
        var enrollment = await db.Enrollments.SingleOrDefaultAsync(e => e.Id == enrollmentId, cancellationToken)
            ?? throw new DomainError(ProductErrorCodes.EnrollmentNotFound, $"No enrollment has id '{enrollmentId}'.");
        if (enrollment.IsCancelled)
        {
            throw new DomainError(ProductErrorCodes.EnrollmentAlreadyCancelled, $"Enrollment '{enrollmentId}' is already cancelled.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        enrollment.Cancel(now);
        var product = await db.Products.AsNoTracking().Where(p => p.Id == enrollment.ProductId).Select(p => p.Name).SingleOrDefaultAsync(cancellationToken);
        interactions.Add(
            db, InteractionEventTypes.EnrollmentCancelled, enrollment.CustomerId, caller, "Product enrollment",
            $"Cancelled the enrollment in {product ?? enrollment.ProductId}.", "Enrollment", enrollment.Id, now);
        await db.SaveChangesAsync(cancellationToken);
        return new EnrollmentPayload(enrollment);
    }

    private Task<bool> HoldsAsync(string customerId, string productId, CancellationToken cancellationToken) =>
        db.Enrollments.AnyAsync(
            e => e.CustomerId == customerId && e.ProductId == productId && e.Status != EnrollmentStatus.Cancelled,
            cancellationToken);

    private static DomainError AlreadyEnrolled(string customerId, string productId) =>
        new(ProductErrorCodes.AlreadyEnrolled, $"Customer '{customerId}' already holds product '{productId}'.");

    private static string Required(string? value, string name)
    {
        var trimmed = value?.Trim() ?? "";
        return trimmed.Length > 0 ? trimmed : throw new DomainError(ErrorCodes.BadUserInput, $"{name} must not be empty.");
    }
}
