namespace Reconciler.Controller.Drivers.Lambda;

/// <summary>
/// The S3 object a published version was deployed from, kept in the version's description.
/// Lambda does not remember where zip code came from (GetFunction answers with a presigned
/// download link and a SHA-256 only), so the driver writes <c>s3://bucket/key?versionId=id</c>
/// into each version it publishes, and reads it back for the version whose code SHA-256 is
/// the function's current one: code changed behind the controller's back matches no version
/// and shows as drift.
/// </summary>
internal sealed record FunctionCodeSource(string Bucket, string Key, string Version)
{
    private const string Scheme = "s3://";
    private const string VersionMarker = "?versionId=";

    /// <summary>The description written on a published version.</summary>
    public string Description => $"{Scheme}{Bucket}/{Key}{VersionMarker}{Version}";

    /// <summary>The source a version's description names, or null when it names none (not published by the reconciler).</summary>
    public static FunctionCodeSource? Parse(string? description)
    {
        if (description is null || !description.StartsWith(Scheme, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = description[Scheme.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var marker = rest.LastIndexOf(VersionMarker, StringComparison.Ordinal);
        return slash > 0 && marker > slash + 1 && marker + VersionMarker.Length < rest.Length
            ? new FunctionCodeSource(rest[..slash], rest[(slash + 1)..marker], rest[(marker + VersionMarker.Length)..])
            : null;
    }
}
