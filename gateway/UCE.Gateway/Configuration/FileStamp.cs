namespace UCE.Gateway.Configuration;

/// <summary>A watched file's modification time and length: what the file watchers poll to see a change.</summary>
internal readonly record struct FileStamp(DateTime WrittenAt, long Length)
{
    /// <summary>
    /// The stamp of the file at <paramref name="path"/>, or of what it links to; null when there is none. A Kubernetes
    /// ConfigMap or Secret volume updates a file by re-pointing symlinks (<c>supergraph.graphql</c> →
    /// <c>..data/supergraph.graphql</c>, <c>..data</c> → a new timestamped folder): the link itself never changes.
    /// </summary>
    public static FileStamp? Of(string path)
    {
        var file = new FileInfo(path);
        if (file.LinkTarget is not null)
        {
            try
            {
                file = file.ResolveLinkTarget(returnFinalTarget: true) as FileInfo ?? file;
            }
            catch (IOException)
            {
                // A dangling or looping link: the read that follows reports it.
            }
        }

        return file.Exists ? new FileStamp(file.LastWriteTimeUtc, file.Length) : null;
    }
}
