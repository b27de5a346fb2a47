namespace Reconciler.Controller.Aws;

/// <summary>
/// Names the service and operation of an outgoing AWS request from what is on the wire, so
/// one hook counts SDK and own clients alike: the service from the SigV4 credential scope
/// (which still names it when every service shares one emulator URL), the operation from
/// X-Amz-Target (JSON protocols), Action= (query protocols) or, for S3's REST API, the
/// method, path and sub-resource, named as the S3 API names them (CreateBucket,
/// DeleteBucketLifecycle), which is how the SDK table (<see cref="AwsSdkOperations"/>) and own
/// clients' declarations name them too.
/// </summary>
internal static class AwsRequestClassifier
{
    // Form bodies larger than this are not query-protocol calls worth parsing.
    private const long MaxFormBytes = 256 * 1024;

    // S3 sub-resources, in the order that picks the most specific name.
    private static readonly (string Query, string Name)[] S3SubResources =
    [
        ("versioning", "BucketVersioning"), ("tagging", "Tagging"), ("encryption", "BucketEncryption"),
        ("publicAccessBlock", "PublicAccessBlock"), ("policy", "BucketPolicy"), ("lifecycle", "BucketLifecycleConfiguration"),
        ("acl", "Acl"), ("location", "BucketLocation"), ("cors", "BucketCors"), ("website", "BucketWebsite"),
        ("logging", "BucketLogging"), ("notification", "BucketNotificationConfiguration"), ("ownershipControls", "BucketOwnershipControls"),
        ("replication", "BucketReplication"), ("uploads", "MultipartUpload"), ("uploadId", "MultipartUploadPart"),
        ("versions", "ObjectVersions"), ("delete", "Objects"),
    ];

    /// <summary>Returns (service, operation) for <paramref name="request"/>.</summary>
    public static async Task<(string Service, string Operation)> ClassifyAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var service = ServiceOf(request);

        if (request.Headers.TryGetValues("X-Amz-Target", out var targets))
        {
            var target = targets.First();
            return (service, target[(target.LastIndexOf('.') + 1)..]);
        }

        var action = ActionFromQuery(request.RequestUri?.Query) ?? await ActionFromFormAsync(request.Content, cancellationToken).ConfigureAwait(false);
        if (action is not null)
        {
            return (service, action);
        }

        return service == "s3"
            ? (service, S3Operation(request))
            : (service, request.Method.Method + " " + (request.RequestUri?.AbsolutePath ?? "/"));
    }

    /// <summary>The service's signing name, from the SigV4 credential scope or else the host; "unknown" when neither names one.</summary>
    public static string ServiceOf(HttpRequestMessage request) =>
        ServiceFromAuthorization(request) ?? ServiceFromHost(request.RequestUri);

    // "AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/logs/aws4_request, SignedHeaders=..., Signature=..."
    // Read raw: the SDK adds the header without validation and the typed accessor cannot parse it.
    private static string? ServiceFromAuthorization(HttpRequestMessage request)
    {
        if (!request.Headers.TryGetValues("Authorization", out var values))
        {
            return null;
        }

        var parameter = string.Join(',', values);

        var start = parameter.IndexOf("Credential=", StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        var end = parameter.IndexOf(',', start);
        var scope = parameter[(start + "Credential=".Length)..(end < 0 ? parameter.Length : end)].Split('/');
        return scope.Length >= 5 ? scope[3] : null;
    }

    private static string ServiceFromHost(Uri? uri) =>
        uri is not null && uri.HostNameType == UriHostNameType.Dns && uri.Host.EndsWith(".amazonaws.com", StringComparison.OrdinalIgnoreCase)
            ? uri.Host.Split('.')[0]
            : "unknown";

    private static string? ActionFromQuery(string? query)
    {
        if (string.IsNullOrEmpty(query))
        {
            return null;
        }

        foreach (var pair in query.TrimStart('?').Split('&'))
        {
            if (pair.StartsWith("Action=", StringComparison.Ordinal))
            {
                return Uri.UnescapeDataString(pair["Action=".Length..]);
            }
        }

        return null;
    }

    // Query-protocol bodies (EC2, STS, IAM, ...) are small in-memory forms (the SDK sends
    // ReadOnlyMemoryContent); reading those again is safe, and streams (S3 objects) are left untouched.
    private static async Task<string?> ActionFromFormAsync(HttpContent? content, CancellationToken cancellationToken)
    {
        if (content?.Headers.ContentType?.MediaType != "application/x-www-form-urlencoded"
            || content is not (ByteArrayContent or ReadOnlyMemoryContent)
            || content.Headers.ContentLength is null or > MaxFormBytes)
        {
            return null;
        }

        var form = await content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return ActionFromQuery(form);
    }

    private static string S3Operation(HttpRequestMessage request)
    {
        var uri = request.RequestUri;
        var query = uri?.Query.TrimStart('?') ?? string.Empty;
        var pairs = query.Length == 0 ? [] : query.Split('&');
        var keys = pairs.Select(p => Uri.UnescapeDataString(p.Split('=')[0])).ToHashSet(StringComparer.Ordinal);
        var method = request.Method.Method;

        // Newer SDKs name the operation themselves where method and path alone are ambiguous.
        if (pairs.FirstOrDefault(p => p.StartsWith("x-id=", StringComparison.Ordinal)) is { } id)
        {
            return Uri.UnescapeDataString(id["x-id=".Length..]);
        }

        // Path style (/bucket/key) when the host is not bucket.s3...; a virtual-hosted bucket is in the host.
        var segments = (uri?.AbsolutePath ?? "/").Split('/', StringSplitOptions.RemoveEmptyEntries);
        var virtualHosted = uri is not null && uri.Host.Contains(".s3.", StringComparison.OrdinalIgnoreCase)
            && !uri.Host.StartsWith("s3.", StringComparison.OrdinalIgnoreCase);
        var bucketInPath = virtualHosted ? 0 : 1;
        if (segments.Length < bucketInPath)
        {
            return method == "GET" ? "ListBuckets" : method + "Service";
        }

        var isObject = segments.Length > bucketInPath;
        var verb = method switch
        {
            "GET" => "Get",
            "PUT" => "Put",
            "DELETE" => "Delete",
            "HEAD" => "Head",
            "POST" => "Post",
            _ => method,
        };

        foreach (var (key, name) in S3SubResources)
        {
            if (keys.Contains(key))
            {
                return (verb, key) switch
                {
                    ("Post", "delete") => "DeleteObjects",
                    ("Post", "uploads") => "CreateMultipartUpload",
                    ("Post", "uploadId") => "CompleteMultipartUpload",
                    ("Put", "uploadId") => "UploadPart",
                    ("Get", "uploadId") => "ListParts",
                    ("Delete", "uploadId") => "AbortMultipartUpload",
                    ("Delete", "lifecycle") => "DeleteBucketLifecycle",
                    ("Get", "uploads") => "ListMultipartUploads",
                    ("Get", "versions") => "ListObjectVersions",
                    (_, "tagging") => verb + (isObject ? "Object" : "Bucket") + name,
                    (_, "acl") => verb + (isObject ? "Object" : "Bucket") + name,
                    _ => verb + name,
                };
            }
        }

        if (isObject)
        {
            return verb + "Object";
        }

        return verb switch
        {
            "Get" => keys.Contains("list-type") ? "ListObjectsV2" : "ListObjects",
            "Put" => "CreateBucket",
            _ => verb + "Bucket",
        };
    }
}
