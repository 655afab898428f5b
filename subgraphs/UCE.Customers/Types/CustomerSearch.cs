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
                if (term.Length < MinTextLength)
                {
                    throw TooShort();
                }

                var pattern = "%" + EscapeLike(term) + "%";
                var npgsql = db.Database.IsNpgsql();
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
                    return npgsql
                        ? customers.Where(customer => EF.Functions.ILike(customer.Name, pattern, LikeEscape)
                            || (EF.Functions.ILike(customer.Email, local, LikeEscape) && EF.Functions.Like(customer.Email.ToLower(), lowered, LikeEscape)))
                        : customers.Where(customer => EF.Functions.Like(customer.Name, pattern, LikeEscape)
                            || (EF.Functions.Like(customer.Email, local, LikeEscape) && EF.Functions.Like(customer.Email.ToLower(), lowered, LikeEscape)));
                }

                // ILIKE is what PostgreSQL's trigram indexes serve; SQLite's LIKE ignores ASCII letter case by itself.
                return npgsql
                    ? customers.Where(customer => EF.Functions.ILike(customer.Name, pattern, LikeEscape) || EF.Functions.ILike(customer.Email, pattern, LikeEscape))
                    : customers.Where(customer => EF.Functions.Like(customer.Name, pattern, LikeEscape) || EF.Functions.Like(customer.Email, pattern, LikeEscape));
        }
    }

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
