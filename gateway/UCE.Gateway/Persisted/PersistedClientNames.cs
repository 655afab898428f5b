namespace UCE.Gateway.Persisted;

/// <summary>
/// Which client names a manifest may be stored under: letters, digits, <c>.</c>, <c>_</c> and <c>-</c>, at most 128, so that a
/// name is a file name and a part of a Redis key as it is.
/// </summary>
public static class PersistedClientNames
{
    public const int MaxLength = 128;

    public static bool IsValid(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxLength || name[0] == '.')
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    public static void ThrowIfInvalid(string? name)
    {
        if (!IsValid(name))
        {
            throw new ArgumentException($"'{name}' is not a client name: use letters, digits, '.', '_' and '-' (at most {MaxLength}).", nameof(name));
        }
    }
}
