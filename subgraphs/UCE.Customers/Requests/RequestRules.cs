using System.Text.RegularExpressions;
using UCE.Customers.Data;
using UCE.Customers.Types;

namespace UCE.Customers.Requests;

/// <summary>What the customers subgraph's mutations accept: dates, addresses, e-mail addresses, phone numbers.</summary>
public static partial class RequestRules
{
    /// <summary>How far ahead service can be started, stopped or moved.</summary>
    public const int MaxDaysAhead = 180;

    /// <summary>The date <paramref name="argument"/> when it is between <paramref name="today"/> and <see cref="MaxDaysAhead"/> days ahead.</summary>
    public static DateOnly ServiceDate(DateOnly date, DateOnly today, string argument) =>
        date < today || date > today.AddDays(MaxDaysAhead) ? throw CustomerErrors.ServiceDateInvalid(argument, MaxDaysAhead) : date;

    /// <summary>The trimmed address, with the state in capitals; refused when a part is missing or malformed.</summary>
    public static PostalAddress Address(AddressInput? input, string argument)
    {
        if (input is null)
        {
            throw CustomerErrors.AddressInvalid(argument, "it is missing");
        }

        var line1 = input.Line1?.Trim() ?? "";
        var city = input.City?.Trim() ?? "";
        var state = input.State?.Trim().ToUpperInvariant() ?? "";
        var postalCode = input.PostalCode?.Trim() ?? "";
        if (line1.Length is 0 or > 200)
        {
            throw CustomerErrors.AddressInvalid(argument, "line1 must be 1 to 200 characters");
        }

        if (city.Length is 0 or > 100)
        {
            throw CustomerErrors.AddressInvalid(argument, "city must be 1 to 100 characters");
        }

        if (!StatePattern().IsMatch(state))
        {
            throw CustomerErrors.AddressInvalid(argument, "state must be a two-letter code");
        }

        if (!PostalCodePattern().IsMatch(postalCode))
        {
            throw CustomerErrors.AddressInvalid(argument, "postalCode must be a ZIP code (12345 or 12345-6789)");
        }

        return new PostalAddress(line1, city, state, postalCode);
    }

    public static string Email(string? email)
    {
        var trimmed = email?.Trim() ?? "";
        return trimmed.Length <= 200 && EmailPattern().IsMatch(trimmed) ? trimmed : throw CustomerErrors.EmailInvalid();
    }

    public static string Phone(string? phone)
    {
        var trimmed = phone?.Trim() ?? "";
        var digits = trimmed.Count(char.IsAsciiDigit);
        return trimmed.Length <= 32 && digits is >= 10 and <= 15 && PhonePattern().IsMatch(trimmed) ? trimmed : throw CustomerErrors.PhoneInvalid();
    }

    public static string Name(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        return trimmed.Length is 0 or > 200 ? throw CustomerErrors.NameInvalid() : trimmed;
    }

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex StatePattern();

    [GeneratedRegex(@"^\d{5}(-\d{4})?$")]
    private static partial Regex PostalCodePattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^\+?[0-9 ().\-]+$")]
    private static partial Regex PhonePattern();
}
