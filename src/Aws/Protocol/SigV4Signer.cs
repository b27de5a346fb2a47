using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Auth;

namespace Reconciler.Aws.Protocol;

/// <summary>
/// AWS Signature Version 4 for the project's own clients. moto never checks signatures, so
/// this is tested against AWS's published SigV4 test-suite vectors. The canonical request and
/// string to sign are built here (so tests can compare them with the published ones); the
/// signing key is derived by AWSSDK.Core's <see cref="AWS4Signer"/>.
/// </summary>
internal static class SigV4Signer
{
    public const string Algorithm = "AWS4-HMAC-SHA256";

    /// <summary>SHA-256 of the empty payload.</summary>
    public const string EmptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    /// <summary>
    /// Signs <paramref name="request"/> in place: sets X-Amz-Date, X-Amz-Security-Token (for
    /// temporary credentials) and Authorization. Signs Host, Content-Type and every X-Amz-*
    /// header. <paramref name="body"/> must be the exact bytes of the request content.
    /// </summary>
    public static SigV4Signature Sign(
        HttpRequestMessage request,
        ReadOnlySpan<byte> body,
        ImmutableCredentials credentials,
        string region,
        string service,
        DateTimeOffset signedAt)
    {
        var amzDate = signedAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var date = amzDate[..8];
        request.Headers.Remove("X-Amz-Date");
        request.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
        request.Headers.Remove("X-Amz-Security-Token");
        if (credentials.UseToken)
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Security-Token", credentials.Token);
        }

        var uri = request.RequestUri ?? throw new ArgumentException("The request has no URI to sign.", nameof(request));
        var headers = HeadersToSign(request, uri);
        var signedHeaders = string.Join(';', headers.Keys);
        var payloadHash = body.IsEmpty ? EmptyPayloadHash : Hex(SHA256.HashData(body));

        var canonicalRequest = string.Join('\n',
            request.Method.Method,
            CanonicalPath(uri, service),
            CanonicalQuery(uri.Query),
            string.Concat(headers.Select(h => h.Key + ":" + h.Value + "\n")),
            signedHeaders,
            payloadHash);

        var scope = $"{date}/{region}/{service}/aws4_request";
        var stringToSign = string.Join('\n',
            Algorithm,
            amzDate,
            scope,
            Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest))));

        var key = AWS4Signer.ComposeSigningKey(credentials.SecretKey, region, date, service);
        var signature = Hex(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
        var authorization = $"{Algorithm} Credential={credentials.AccessKey}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}";

        request.Headers.Authorization = new AuthenticationHeaderValue(Algorithm, authorization[(Algorithm.Length + 1)..]);
        return new SigV4Signature(canonicalRequest, stringToSign, signature, signedHeaders, authorization);
    }

    /// <summary>RFC 3986 percent-encoding as SigV4 wants it: unreserved characters kept, hex upper-case.</summary>
    public static string UriEncode(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    private static SortedDictionary<string, string> HeadersToSign(HttpRequestMessage request, Uri uri)
    {
        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            // What HttpClient will send: the authority without a default port.
            ["host"] = request.Headers.Host ?? uri.Authority,
        };
        foreach (var (name, values) in request.Headers)
        {
            if (name.StartsWith("x-amz-", StringComparison.OrdinalIgnoreCase))
            {
                headers[name.ToLowerInvariant()] = CanonicalValue(values);
            }
        }

        if (request.Content?.Headers.ContentType is { } contentType)
        {
            headers["content-type"] = CanonicalValue([contentType.ToString()]);
        }

        return headers;
    }

    // Trim, collapse runs of spaces, join repeated headers with commas.
    private static string CanonicalValue(IEnumerable<string> values) =>
        string.Join(',', values.Select(v => string.Join(' ', v.Split(' ', StringSplitOptions.RemoveEmptyEntries))));

    // S3 signs the path as sent; every other service signs each segment encoded once more.
    private static string CanonicalPath(Uri uri, string service)
    {
        var path = uri.AbsolutePath;
        if (string.IsNullOrEmpty(path))
        {
            return "/";
        }

        return service == "s3"
            ? path
            : string.Join('/', path.Split('/').Select(UriEncode));
    }

    private static string CanonicalQuery(string query)
    {
        if (string.IsNullOrEmpty(query) || query == "?")
        {
            return string.Empty;
        }

        var pairs = query.TrimStart('?')
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair =>
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                var name = equals < 0 ? pair : pair[..equals];
                var value = equals < 0 ? string.Empty : pair[(equals + 1)..];
                return (Name: UriEncode(Uri.UnescapeDataString(name)), Value: UriEncode(Uri.UnescapeDataString(value)));
            })
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal);
        return string.Join('&', pairs.Select(p => p.Name + "=" + p.Value));
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
