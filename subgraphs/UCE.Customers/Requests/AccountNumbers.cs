using System.Globalization;
using System.Security.Cryptography;

namespace UCE.Customers.Requests;

/// <summary>
/// Numbers and ids for what a service request opens. New account numbers are ten digits starting with 3 (the demo set uses
/// 1… and 2…); the unique index refuses the rare collision, which fails the request as a whole.
/// </summary>
public class AccountNumbers
{
    /// <summary>A new account number.</summary>
    public virtual string Next() =>
        string.Create(CultureInfo.InvariantCulture, $"3{RandomNumberGenerator.GetInt32(0, 1_000_000_000):D9}");

    /// <summary>A new id <c>&lt;prefix&gt;-&lt;16 hex digits&gt;</c>.</summary>
    public static string NewId(string prefix) => $"{prefix}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}";

    /// <summary>A confirmation number customers can read out: <c>SR-</c> and eight letters and digits without look-alikes.</summary>
    public static string NewConfirmationNumber()
    {
        const string alphabet = "ABCDEFGHJKMNPQRSTVWXYZ23456789";
        return "SR-" + RandomNumberGenerator.GetString(alphabet, 8);
    }
}
