using Microsoft.EntityFrameworkCore;
using UCE.Customers.Data;
using UCE.Subgraphs.Hosting.Events.Directory;

namespace UCE.Customers.Events;

/// <summary>The customers subgraph's rows as the directory events other subgraphs read.</summary>
public static class DirectoryRecords
{
    public static DirectoryCustomer Customer(Customer customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        return new DirectoryCustomer(customer.Name, customer.Email, customer.Phone, customer.Segment == CustomerSegment.Commercial);
    }

    public static DirectoryAccount Account(Account account, ServiceLocation location, bool commercial)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(location);
        return new DirectoryAccount(
            account.Id, account.Number, account.Status.ToString().ToUpperInvariant(), account.Opened, account.ClosesOn,
            location.Id, location.PremiseId, location.MeterId, location.City, location.PostalCode, commercial);
    }

    /// <summary>The directory form of stored account <paramref name="accountId"/>, read in <paramref name="db"/>'s transaction.</summary>
    public static async Task<DirectoryAccount> AccountAsync(CustomersDbContext db, string accountId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var row = await (
            from account in db.Accounts.AsNoTracking()
            join location in db.ServiceLocations.AsNoTracking() on account.ServiceLocationId equals location.Id
            join customer in db.Customers.AsNoTracking() on account.CustomerId equals customer.Id
            where account.Id == accountId
            select new { account, location, customer.Segment }).SingleAsync(cancellationToken);
        return Account(row.account, row.location, row.Segment == CustomerSegment.Commercial);
    }
}
