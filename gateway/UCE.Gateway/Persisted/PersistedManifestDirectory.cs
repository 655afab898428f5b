namespace UCE.Gateway.Persisted;

/// <summary>The folder of manifest files, one per client (<c>&lt;client&gt;.json</c>).</summary>
public static class PersistedManifestDirectory
{
    /// <summary>The folder's path relative to the repository root (and to the build output, where it is copied).</summary>
    public const string RelativePath = "schema/persisted";

    /// <summary>
    /// <paramref name="configured"/> when set; else <c>schema/persisted</c> in the working directory or a parent (so that
    /// <c>dotnet run</c> inside the repository serves the committed manifests), else the copy beside the binaries; else <c>null</c>.
    /// </summary>
    public static string? Locate(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured);
        }

        for (var directory = new DirectoryInfo(Directory.GetCurrentDirectory()); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, RelativePath);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        var beside = Path.Combine(AppContext.BaseDirectory, RelativePath);
        return Directory.Exists(beside) ? beside : null;
    }

    /// <summary>The manifest files of <paramref name="directory"/> by client name (files whose name is no client name are left out).</summary>
    public static IReadOnlyDictionary<string, FileInfo> Files(string? directory)
    {
        var files = new Dictionary<string, FileInfo>(StringComparer.Ordinal);
        if (directory is null || !Directory.Exists(directory))
        {
            return files;
        }

        foreach (var file in new DirectoryInfo(directory).EnumerateFiles("*.json"))
        {
            var client = Path.GetFileNameWithoutExtension(file.Name);
            if (PersistedClientNames.IsValid(client))
            {
                files[client] = file;
            }
        }

        return files;
    }
}
