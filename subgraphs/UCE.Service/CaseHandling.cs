using Microsoft.EntityFrameworkCore;
using UCE.Service.Data;
using UCE.Service.Types;
using UCE.Subgraphs.Hosting.Errors;
using UCE.Subgraphs.Hosting.Events.Interactions;
using UCE.Subgraphs.Hosting.Identity;

namespace UCE.Service;

/// <summary>
/// Opens and works cases: every mutation validates first, applies the move the case's life cycle allows, and saves the
/// case with the note or survey it writes in one transaction, so a refused request leaves the database unchanged. Opening
/// and resolving a case also put an interaction event in the outbox, in the same transaction: the customer's contact
/// history (<c>Customer.interactions</c>) shows both.
/// </summary>
public sealed class CaseHandling(ServiceDbContext db, InteractionOutbox interactions, TimeProvider clock)
{
    private const int MaxSubject = 200;
    private const int MaxText = 4000;
    private const int MaxComment = 2000;

    public async Task<CasePayload> OpenAsync(OpenCaseInput input, CallerIdentity caller, CancellationToken cancellationToken)
    {
        var customerId = Required(input.CustomerId, "customerId", 64);
        var subject = Required(input.Subject, "subject", MaxSubject);
        var description = Required(input.Description, "description", MaxText);
        var staff = CaseAccess.MaySeeInternal(caller);
        if (!staff && (input.Priority is not null || input.Queue is not null))
        {
            throw new DomainError(ErrorCodes.Forbidden, "Only agents set a case's priority or queue.");
        }

        if (!await db.CustomerProfiles.AnyAsync(c => c.CustomerId == customerId, cancellationToken))
        {
            throw new DomainError(ServiceErrorCodes.CustomerNotFound, $"No customer has id '{customerId}'.");
        }

        var opening = new CaseOpening(
            $"cas-{Guid.CreateVersion7():N}",
            customerId,
            input.Category,
            input.Priority ?? CaseServiceLevels.DefaultPriority(input.Category),
            input.Channel ?? (staff ? CaseChannel.Phone : CaseChannel.Web),
            input.Queue ?? CaseServiceLevels.DefaultQueue(input.Category),
            subject,
            description,
            caller.Subject,
            Optional(input.AccountId, "accountId"),
            Optional(input.BillId, "billId"),
            Optional(input.OutageId, "outageId"),
            Optional(input.EnrollmentId, "enrollmentId"));
        var now = Now();
        var opened = Case.Open(opening, now);
        db.Cases.Add(opened);
        interactions.Add(db, InteractionEventTypes.CaseOpened, customerId, caller, "Case", $"Case opened ({Words(opened.Category)}): {subject}", "Case", opened.Id, now);
        await db.SaveChangesAsync(cancellationToken);
        return new CasePayload(opened);
    }

    public async Task<CasePayload> AssignAsync(AssignCaseInput input, CallerIdentity caller, CancellationToken cancellationToken)
    {
        var agent = input.Agent is null ? caller.Subject : Required(input.Agent, "agent", 128);
        if (string.IsNullOrWhiteSpace(agent))
        {
            throw new DomainError(ErrorCodes.BadUserInput, "agent must be given when the caller has no subject.");
        }

        var found = await FindAsync(input.CaseId, cancellationToken);
        found.AssignTo(agent, Now());
        if (input.Queue is { } queue)
        {
            found.Queue = queue;
        }

        await db.SaveChangesAsync(cancellationToken);
        return new CasePayload(found);
    }

    public async Task<CasePayload> AddNoteAsync(AddCaseNoteInput input, CallerIdentity caller, CancellationToken cancellationToken)
    {
        var body = Required(input.Body, "body", MaxText);
        var staff = CaseAccess.MaySeeInternal(caller);
        if (!staff && input.Visibility == CaseNoteVisibility.Internal)
        {
            throw new DomainError(ErrorCodes.Forbidden, "Only agents write internal notes.");
        }

        var found = await FindAsync(input.CaseId, cancellationToken);
        if (found.Status == CaseStatus.Closed)
        {
            throw new DomainError(ServiceErrorCodes.CaseClosed, $"Case '{found.Id}' is closed; reopen it to add notes.");
        }

        var note = NewNote(found, body, input.Visibility ?? (staff ? CaseNoteVisibility.Internal : CaseNoteVisibility.CustomerVisible), caller);
        db.CaseNotes.Add(note);
        await db.SaveChangesAsync(cancellationToken);
        return new CasePayload(found, note);
    }

    public async Task<CasePayload> ChangeStatusAsync(ChangeCaseStatusInput input, CancellationToken cancellationToken)
    {
        var found = await FindAsync(input.CaseId, cancellationToken);
        switch (input.Status)
        {
            case CaseStatus.Resolved:
                throw new DomainError(ServiceErrorCodes.ResolutionCodeRequired, "A case is resolved with resolveCase, which records the resolution code.");
            case CaseStatus.Assigned when found.Status == CaseStatus.New:
                throw new DomainError(ServiceErrorCodes.InvalidCaseTransition, $"Case '{found.Id}' is NEW; assignCase assigns it to an agent.");
            case CaseStatus.InProgress when !found.IsOpen:
                throw new DomainError(ServiceErrorCodes.InvalidCaseTransition, $"Case '{found.Id}' is {CaseLifecycle.Name(found.Status)}; reopenCase reopens it.");
        }

        found.MoveTo(input.Status, Now());
        await db.SaveChangesAsync(cancellationToken);
        return new CasePayload(found);
    }

    public async Task<CasePayload> ResolveAsync(ResolveCaseInput input, CallerIdentity caller, CancellationToken cancellationToken)
    {
        var summary = input.Summary is null ? null : Required(input.Summary, "summary", MaxText);
        var found = await FindAsync(input.CaseId, cancellationToken);
        var now = Now();
        found.Resolve(input.ResolutionCode, now);
        var note = summary is null ? null : NewNote(found, summary, CaseNoteVisibility.CustomerVisible, caller);
        if (note is not null)
        {
            db.CaseNotes.Add(note);
        }

        interactions.Add(db, InteractionEventTypes.CaseResolved, found.CustomerId, caller, "Case", $"Case resolved ({Words(input.ResolutionCode)}): {found.Subject}", "Case", found.Id, now);

        await db.SaveChangesAsync(cancellationToken);
        return new CasePayload(found, note);
    }

    public async Task<CasePayload> ReopenAsync(ReopenCaseInput input, CallerIdentity caller, CancellationToken cancellationToken)
    {
        var reason = input.Reason is null ? null : Required(input.Reason, "reason", MaxText);
        var found = await FindAsync(input.CaseId, cancellationToken);
        found.Reopen(Now());
        var note = reason is null
            ? null
            : NewNote(found, reason, CaseAccess.MaySeeInternal(caller) ? CaseNoteVisibility.Internal : CaseNoteVisibility.CustomerVisible, caller);
        if (note is not null)
        {
            db.CaseNotes.Add(note);
        }

        await db.SaveChangesAsync(cancellationToken);
        return new CasePayload(found, note);
    }

    public async Task<CasePayload> SubmitSurveyAsync(SubmitCaseSurveyInput input, CancellationToken cancellationToken)
    {
        if (input.Score is < CaseSurvey.MinScore or > CaseSurvey.MaxScore)
        {
            throw new DomainError(ServiceErrorCodes.SurveyScoreOutOfRange, $"The score must be between {CaseSurvey.MinScore} and {CaseSurvey.MaxScore}; got {input.Score}.");
        }

        var comment = input.Comment is null ? null : Required(input.Comment, "comment", MaxComment);
        var found = await FindAsync(input.CaseId, cancellationToken);
        if (found.Status != CaseStatus.Closed)
        {
            throw new DomainError(ServiceErrorCodes.SurveyNotOffered, $"Case '{found.Id}' is {CaseLifecycle.Name(found.Status)}; the survey is offered once it is closed.");
        }

        if (await db.CaseSurveys.AnyAsync(s => s.CaseId == found.Id, cancellationToken))
        {
            throw AlreadySubmitted(found.Id);
        }

        var survey = new CaseSurvey { CaseId = found.Id, CustomerId = found.CustomerId, Score = input.Score, Comment = comment, SubmittedAt = Now() };
        db.CaseSurveys.Add(survey);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two answers at once: the key kept the first.
            db.ChangeTracker.Clear();
            if (await db.CaseSurveys.AnyAsync(s => s.CaseId == found.Id, cancellationToken))
            {
                throw AlreadySubmitted(found.Id);
            }

            throw;
        }

        return new CasePayload(found, Survey: survey);
    }

    private async Task<Case> FindAsync(string? id, CancellationToken cancellationToken)
    {
        var caseId = Required(id, "caseId", 64);
        return await db.Cases.SingleOrDefaultAsync(c => c.Id == caseId, cancellationToken)
            ?? throw new DomainError(ServiceErrorCodes.CaseNotFound, $"No case has id '{caseId}'.");
    }

    /// <summary><c>REGULATORY_COMPLAINT</c> → <c>regulatory complaint</c>, for a summary a person reads.</summary>
    private static string Words<T>(T value) where T : struct, Enum =>
        System.Text.RegularExpressions.Regex.Replace(value.ToString(), "(?<=[a-z])(?=[A-Z])", " ").ToLowerInvariant();

    private CaseNote NewNote(Case subject, string body, CaseNoteVisibility visibility, CallerIdentity caller) => new()
    {
        Id = $"note-{Guid.CreateVersion7():N}",
        CaseId = subject.Id,
        CustomerId = subject.CustomerId,
        Body = body,
        Visibility = visibility,
        Author = caller.Subject,
        ByCustomer = caller.Role == CallerRole.Customer,
        CreatedAt = Now(),
    };

    private DateTime Now() => clock.GetUtcNow().UtcDateTime;

    private static DomainError AlreadySubmitted(string caseId) =>
        new(ServiceErrorCodes.SurveyAlreadySubmitted, $"The survey of case '{caseId}' was already answered.");

    private static string Required(string? value, string name, int maxLength)
    {
        var trimmed = value?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            throw new DomainError(ErrorCodes.BadUserInput, $"{name} must not be empty.");
        }

        return trimmed.Length <= maxLength
            ? trimmed
            : throw new DomainError(ErrorCodes.BadUserInput, $"{name} must be at most {maxLength} characters; got {trimmed.Length}.");
    }

    private static string? Optional(string? value, string name) => value is null ? null : Required(value, name, 64);
}
