using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using UCE.Customers.Data;
using UCE.Subgraphs.Hosting.Errors;

namespace UCE.Customers.Types;

/// <summary>
/// The <c>customers(search:)</c> filter. The text's form says what it is, so that every search is an index lookup
/// (see docs/customers.md, "Customer search"):
/// <c>cus-…</c> a customer id, <c>prm-…</c> a premise, <c>mtr-…</c> a meter (all exact, any letter case);
/// ten digits alone an account number or a phone number; phone characters with 10–15 digits a phone number (its digits
/// exactly, a ten-digit one also with the country code 1); anything else, of at least <see cref="MinTextLength"/>
/// characters, case-insensitive text in the name or e-mail.
/// </summary>
public static class CustomerSearch
{
    /// <summary>The longest accepted search text.</summary>
    public const int MaxLength = 100;

    /// <summary>
    /// The shortest name or e-mail text: PostgreSQL's trigram index finds nothing shorter than three characters, and a
    /// shorter text would read the whole table.
    /// </summary>
    public const int MinTextLength = 3;

    /// <summary>The fewest and most digits of a phone number (as <c>PHONE_INVALID</c> accepts them).</summary>
    private const int MinPhoneDigits = 10;

    private const int MaxPhoneDigits = 15;

    /// <summary>The kind of customer search <paramref name="search"/> is; <see cref="CustomerSearchKind.None"/> for no filter.</summary>
    public static CustomerSearchKind Classify(string? search)
    {
        if (string.IsNullOrWhiteSpace(search))
        {
            return CustomerSearchKind.None;
        }

        var term = search.Trim();
        if (term.StartsWith("cus-", StringComparison.OrdinalIgnoreCase))
        {
            return CustomerSearchKind.CustomerId;
        }

        if (term.StartsWith("prm-", StringComparison.OrdinalIgnoreCase))
        {
            return CustomerSearchKind.Premise;
        }

        if (term.StartsWith("mtr-", StringComparison.OrdinalIgnoreCase))
        {
            return CustomerSearchKind.Meter;
        }

        var digits = Digits(term);
        if (term.All(char.IsAsciiDigit) && term.Length == MinPhoneDigits)
        {
            return CustomerSearchKind.AccountNumberOrPhone;
        }

        if (IsPhoneText(term) && digits.Length is >= MinPhoneDigits and <= MaxPhoneDigits)
        {
            return CustomerSearchKind.Phone;
        }

        return CustomerSearchKind.Text;
    }

    /// <summary><c>BAD_USER_INPUT</c> for name or e-mail text that is too short: the check <see cref="Apply"/> makes, without a query.</summary>
    public static void Validate(string? search)
    {
        if (Classify(search) == CustomerSearchKind.Text && search!.Trim().Length < MinTextLength)
        {
            throw TooShort();
        }
    }

    /// <summary>The customers <paramref name="search"/> finds; <c>BAD_USER_INPUT</c> for name or e-mail text that is too short.</summary>
    public static IQueryable<Customer> Apply(CustomersDbContext db, string? search)
    {
        ArgumentNullException.ThrowIfNull(db);
        var customers = db.Customers.AsNoTracking();
        var kind = Classify(search);
        if (kind == CustomerSearchKind.None)
        {
            return customers;
        }

        var term = search!.Trim();
        switch (kind)
        {
            case CustomerSearchKind.CustomerId:
                var id = term.ToLowerInvariant();
                return customers.Where(customer => customer.Id == id);
            case CustomerSearchKind.Premise:
                var (premiseUpper, premiseLower) = (term.ToUpperInvariant(), term.ToLowerInvariant());
                return customers.Where(customer => db.ServiceLocations.Any(location =>
                    (location.PremiseId == premiseUpper || location.PremiseId == premiseLower) && location.CustomerId == customer.Id));
            case CustomerSearchKind.Meter:
                var (meterUpper, meterLower) = (term.ToUpperInvariant(), term.ToLowerInvariant());
                return customers.Where(customer => db.ServiceLocations.Any(location =>
                    (location.MeterId == meterUpper || location.MeterId == meterLower) && location.CustomerId == customer.Id));
            case CustomerSearchKind.AccountNumberOrPhone:
                // A union, not one OR: PostgreSQL cannot drive an OR of a subquery and a column through indexes.
                var (phone, withCountryCode) = PhoneDigits(term);
                return customers
                    .Where(customer => db.Accounts.Any(account => account.Number == term && account.CustomerId == customer.Id))
                    .Union(customers.Where(customer =>
                        EF.Property<string>(customer, CustomerColumns.PhoneDigits) == phone
                        || EF.Property<string>(customer, CustomerColumns.PhoneDigits) == withCountryCode));
            case CustomerSearchKind.Phone:
                var (digits, alsoWithCountryCode) = PhoneDigits(term);
                return customers.Where(customer =>
                    EF.Property<string>(customer, CustomerColumns.PhoneDigits) == digits
                    || EF.Property<string>(customer, CustomerColumns.PhoneDigits) == alsoWithCountryCode);
            default:
                var (byName, byEmail) = TextConditions(db, term);
                return customers.Where(Either(byName, byEmail));
        }
    }

    /// <summary>
    /// How many customers <paramref name="search"/> finds (<see cref="Apply"/>), counting no further than
    /// <paramref name="atMost"/> when it is given: exactly min(matches, atMost).
    /// </summary>
    /// <remarks>
    /// On PostgreSQL, name text with a space between words (<c>sofia silva</c>) is counted in two parts: the customers
    /// whose name contains it, looked up by the word joins of the text (<see cref="CustomerWordJoins"/>) and checked
    /// against the text, then those whose e-mail contains it and whose name does not. The two parts have no customer in
    /// common and together are the customers the search finds, so their sum, capped, is the count. The trigram index
    /// would find the same names, at the cost of reading every entry of the text's trigrams, which for two common words
    /// (each in tens of thousands of names) is 8–17 ms at a million customers; the word joins take a fraction of one.
    /// The page keeps <see cref="Apply"/>: for a common text the planner reads it in id order and stops after the page.
    /// </remarks>
    public static async Task<int> CountAsync(CustomersDbContext db, string? search, int? atMost, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var term = search?.Trim();
        if (Classify(search) != CustomerSearchKind.Text || !db.Database.IsNpgsql() || !CustomerWordJoins.HasAny(term!))
        {
            // The first matches in whatever order the database finds them: in id order it would read and sort every
            // match of a common full name.
            var matches = Apply(db, search).Select(customer => customer.Id);
            return atMost is { } limit
                ? await matches.Take(limit).CountAsync(cancellationToken)
                : await matches.CountAsync(cancellationToken);
        }

        var (byName, byEmail) = TextConditions(db, term!);
        var pattern = ContainsPattern(term!);
        var customers = db.Customers.AsNoTracking();

        // The name is checked on `Name || ''`, which no index serves: the planner would otherwise also read the trigram
        // index and intersect it with the word joins (it takes the two conditions for independent), which costs what the
        // word joins save.
        var named = customers
            .Where(customer => CustomerWordJoins.NameMayContain(customer.Name, term!) && EF.Functions.ILike(customer.Name + "", pattern, LikeEscape))
            .Select(customer => customer.Id);
        var emailOnly = customers
            .Where(byEmail)
            .Where(customer => !EF.Functions.ILike(customer.Name, pattern, LikeEscape))
            .Select(customer => customer.Id);
        return atMost is { } cap
            ? await named.Take(cap).Concat(emailOnly.Take(cap)).Take(cap).CountAsync(cancellationToken)
            : await named.Concat(emailOnly).CountAsync(cancellationToken);
    }

    /// <summary>
    /// The two halves of name or e-mail text <paramref name="term"/> (trimmed): its name contains the text, its e-mail
    /// contains it; <c>BAD_USER_INPUT</c> for text that is too short.
    /// </summary>
    private static (Expression<Func<Customer, bool>> ByName, Expression<Func<Customer, bool>> ByEmail) TextConditions(CustomersDbContext db, string term)
    {
        if (term.Length < MinTextLength)
        {
            throw TooShort();
        }

        var pattern = ContainsPattern(term);
        var npgsql = db.Database.IsNpgsql();

        // ILIKE is what PostgreSQL's trigram indexes serve; SQLite's LIKE ignores ASCII letter case by itself.
        Expression<Func<Customer, bool>> byName = npgsql
            ? customer => EF.Functions.ILike(customer.Name, pattern, LikeEscape)
            : customer => EF.Functions.Like(customer.Name, pattern, LikeEscape);
        var at = term.IndexOf('@', StringComparison.Ordinal);
        if (at > 0)
        {
            // Text with an '@' and something before it: an address's local part (or its end) and the start of its
            // domain. The trigram index is asked for the part up to the '@' only, and the whole text is checked on
            // the rows it finds: a domain's trigrams are in nearly every row (most customers share a few mail
            // providers), and reading their index entries would cost more than the rows. lower(Email) has no index,
            // so the whole text stays a check and never becomes an index condition.
            var local = "%" + EscapeLike(term[..(at + 1)]) + "%";
            var lowered = pattern.ToLowerInvariant();
            Expression<Func<Customer, bool>> byEmailText = npgsql
                ? customer => EF.Functions.ILike(customer.Email, local, LikeEscape) && EF.Functions.Like(customer.Email.ToLower(), lowered, LikeEscape)
                : customer => EF.Functions.Like(customer.Email, local, LikeEscape) && EF.Functions.Like(customer.Email.ToLower(), lowered, LikeEscape);
            return (byName, byEmailText);
        }

        Expression<Func<Customer, bool>> byEmail = npgsql
            ? customer => EF.Functions.ILike(customer.Email, pattern, LikeEscape)
            : customer => EF.Functions.Like(customer.Email, pattern, LikeEscape);
        return (byName, byEmail);
    }

    /// <summary>A customer that meets <paramref name="first"/> or <paramref name="second"/> (one SQL <c>OR</c>).</summary>
    private static Expression<Func<Customer, bool>> Either(Expression<Func<Customer, bool>> first, Expression<Func<Customer, bool>> second)
    {
        var customer = first.Parameters[0];
        var secondBody = new ParameterReplacer(second.Parameters[0], customer).Visit(second.Body);
        return Expression.Lambda<Func<Customer, bool>>(Expression.OrElse(first.Body, secondBody), customer);
    }

    private static string ContainsPattern(string term) => "%" + EscapeLike(term) + "%";

    private const string LikeEscape = "\\";

    private static DomainError TooShort() =>
        new(ErrorCodes.BadUserInput, $"'search' text must be at least {MinTextLength} characters (or an id, account, phone, premise or meter number).");

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    /// <summary>The digits, and for ten of them (a North American number without its country code) the same with a leading 1.</summary>
    private static (string Digits, string WithCountryCode) PhoneDigits(string term)
    {
        var digits = Digits(term);
        return (digits, digits.Length == MinPhoneDigits ? "1" + digits : digits);
    }

    private static string Digits(string term) => new(term.Where(char.IsAsciiDigit).ToArray());

    private static bool IsPhoneText(string term) =>
        term.All(c => char.IsAsciiDigit(c) || c is ' ' or '-' or '.' or '(' or ')' or '+')
        && term.LastIndexOf('+') <= 0;
}

/// <summary>Puts one lambda parameter in the place of another.</summary>
internal sealed class ParameterReplacer(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
{
    protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
}

/// <summary>What a customer search text is taken for.</summary>
public enum CustomerSearchKind
{
    /// <summary>No text: every customer.</summary>
    None,

    /// <summary><c>cus-…</c>: the customer with that id.</summary>
    CustomerId,

    /// <summary><c>prm-…</c>: the customer served at that premise.</summary>
    Premise,

    /// <summary><c>mtr-…</c>: the customer served by that meter.</summary>
    Meter,

    /// <summary>Ten digits alone: the customer with that account number, or with that phone number.</summary>
    AccountNumberOrPhone,

    /// <summary>Phone characters with 10–15 digits: the customers with that phone number.</summary>
    Phone,

    /// <summary>Anything else: customers whose name or e-mail contains the text, ignoring letter case.</summary>
    Text,
}
