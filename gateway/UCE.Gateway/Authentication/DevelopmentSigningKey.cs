using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace UCE.Gateway.Authentication;

/// <summary>
/// The RSA key the <c>token</c> command signs development tokens with and the embedded default trusts. It is made once per
/// user, on first use, and kept in a file only that user can read, so that the command and a running gateway (two
/// processes) agree on it; it is never committed and never trusted by a gateway with a configured issuer.
/// </summary>
public sealed class DevelopmentSigningKey
{
    /// <summary>The <c>iss</c> of development tokens.</summary>
    public const string Issuer = "uce-graph-development";

    /// <summary>The <c>aud</c> of development tokens.</summary>
    public const string Audience = "uce-graph";

    private const string FileName = "jwt-signing-key.pem";

    private DevelopmentSigningKey(RSA rsa, string path)
    {
        Path = path;
        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        var keyId = Base64UrlEncoder.Encode(new JsonWebKey { Kty = "RSA", E = Base64UrlEncoder.Encode(parameters.Exponent), N = Base64UrlEncoder.Encode(parameters.Modulus) }.ComputeJwkThumbprint());
        PrivateKey = new RsaSecurityKey(rsa) { KeyId = keyId };
        PublicKey = new RsaSecurityKey(parameters) { KeyId = keyId };
    }

    /// <summary>The key file.</summary>
    public string Path { get; }

    /// <summary>Signs development tokens (the <c>token</c> command only).</summary>
    public RsaSecurityKey PrivateKey { get; }

    /// <summary>Verifies them (the embedded default).</summary>
    public RsaSecurityKey PublicKey { get; }

    /// <summary>The default folder: <c>uce-graph/dev-keys</c> under the user's local data folder (<c>~/.local/share</c> on Linux).</summary>
    public static string DefaultDirectory()
    {
        var root = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        return string.IsNullOrEmpty(root)
            ? System.IO.Path.GetFullPath(System.IO.Path.Combine("data", "dev-keys"))
            : System.IO.Path.Combine(root, "uce-graph", "dev-keys");
    }

    /// <summary>
    /// Reads the key in <paramref name="directory"/> (<see cref="DefaultDirectory"/> when null), making it first if there is
    /// none. Two processes making it at once both end up with the one that was linked into place first.
    /// </summary>
    public static DevelopmentSigningKey LoadOrCreate(string? directory)
    {
        directory = System.IO.Path.GetFullPath(string.IsNullOrWhiteSpace(directory) ? DefaultDirectory() : directory);
        var path = System.IO.Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            Create(directory, path);
        }

        return Load(path);
    }

    private static void Create(string directory, string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        using var rsa = RSA.Create(2048);
        var pem = rsa.ExportPkcs8PrivateKeyPem();
        var temporary = System.IO.Path.Combine(directory, $".{FileName}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using (var stream = new FileStream(temporary, options))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(pem);
            }

            // Written whole under a private name first, then moved without overwriting: a reader never sees half a key,
            // and when two processes race, the loser's move fails and it reads the winner's key.
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static DevelopmentSigningKey Load(string path)
    {
        if (!OperatingSystem.IsWindows()
            && (File.GetUnixFileMode(path) & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite)) != 0)
        {
            throw new InvalidOperationException($"The development key {path} can be read or written by other users; make it private (chmod 600) or delete it to have a new one made.");
        }

        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(File.ReadAllText(path));
            return new DevelopmentSigningKey(rsa, path);
        }
        catch (Exception exception) when (exception is ArgumentException or CryptographicException)
        {
            rsa.Dispose();
            throw new InvalidOperationException($"The development key {path} is not a PEM RSA private key ({exception.Message}); delete it to have a new one made.", exception);
        }
    }
}
