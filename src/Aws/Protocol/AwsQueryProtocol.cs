using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Reconciler.Aws.Protocol;

/// <summary>
/// The AWS query protocol (and the EC2 variant's errors), once for every query service: a
/// form-encoded POST of Action=...&amp;Version=...&amp;params, an XML answer whose
/// &lt;ActionResult&gt; holds the output, and errors as
/// &lt;ErrorResponse&gt;&lt;Error&gt;&lt;Code&gt; (or EC2's &lt;Response&gt;&lt;Errors&gt;&lt;Error&gt;).
/// Answers are read with XML namespaces removed, into generated records by <see cref="AwsXmlReader"/>.
/// </summary>
public sealed class AwsQueryProtocol
{
    private const string FormContentType = "application/x-www-form-urlencoded; charset=utf-8";

    private readonly AwsRequestSender _sender;
    private readonly AwsService _service;
    private readonly string _apiVersion;
    private readonly IReadOnlyDictionary<string, AwsErrorKind>? _errors;

    /// <param name="sender">Signs, sends and retries.</param>
    /// <param name="service">The service, for endpoint and signing.</param>
    /// <param name="apiVersion">The model's apiVersion, e.g. "2015-12-01".</param>
    /// <param name="errors">The service's error codes and their kinds (generated); null to judge codes by name.</param>
    public AwsQueryProtocol(AwsRequestSender sender, AwsService service, string apiVersion, IReadOnlyDictionary<string, AwsErrorKind>? errors = null)
    {
        _sender = sender;
        _service = service;
        _apiVersion = apiVersion;
        _errors = errors;
    }

    /// <summary>
    /// Calls <paramref name="operation"/> with a generated request record (flattened by
    /// <see cref="AwsQuerySerializer"/>) and reads its &lt;ActionResult&gt; into <typeparamref name="TOutput"/>.
    /// </summary>
    public async Task<TOutput> InvokeAsync<TOutput>(AwsOperation operation, object? input, CancellationToken cancellationToken)
    {
        var result = await InvokeAsync(operation, AwsQuerySerializer.Serialize(input), cancellationToken).ConfigureAwait(false);
        return AwsXmlReader.Read<TOutput>(result);
    }

    /// <summary>Calls <paramref name="operation"/>, whose answer carries nothing the caller needs.</summary>
    public async Task InvokeAsync(AwsOperation operation, object? input, CancellationToken cancellationToken) =>
        await InvokeAsync(operation, AwsQuerySerializer.Serialize(input), cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Calls <paramref name="operation"/> with <paramref name="parameters"/> (already flattened:
    /// "Tags.member.1.Key", ...; see <see cref="AwsQueryParameters"/>) and returns the
    /// &lt;ActionResult&gt; element, or an empty one when the answer has none.
    /// </summary>
    public async Task<XElement> InvokeAsync(AwsOperation operation, IEnumerable<KeyValuePair<string, string>> parameters, CancellationToken cancellationToken)
    {
        var action = operation.Name;
        var body = new StringBuilder()
            .Append("Action=").Append(SigV4Signer.UriEncode(action))
            .Append("&Version=").Append(SigV4Signer.UriEncode(_apiVersion));
        foreach (var (name, value) in parameters)
        {
            body.Append('&').Append(SigV4Signer.UriEncode(name)).Append('=').Append(SigV4Signer.UriEncode(value));
        }

        var request = new AwsHttpRequest(operation, HttpMethod.Post, "/", Encoding.UTF8.GetBytes(body.ToString()), FormContentType);
        var response = await _sender.SendAsync(_service, request, r => ParseError(_service, action, r, _errors), cancellationToken).ConfigureAwait(false);
        return ParseResult(action, response.Body);
    }

    /// <summary>
    /// As <see cref="InvokeAsync(AwsOperation, IEnumerable{KeyValuePair{string, string}}, CancellationToken)"/> for a
    /// generated operation named by its model name (see <see cref="AwsOperationCatalog"/>).
    /// </summary>
    public Task<XElement> InvokeAsync(string action, IEnumerable<KeyValuePair<string, string>> parameters, CancellationToken cancellationToken) =>
        InvokeAsync(AwsOperationCatalog.Get(_service, action), parameters, cancellationToken);

    /// <summary>The &lt;ActionResult&gt; element of a success answer, namespaces removed.</summary>
    internal static XElement ParseResult(string action, byte[] body)
    {
        if (body.Length == 0)
        {
            return new XElement(action + "Result");
        }

        var root = StripNamespaces(XDocument.Parse(Encoding.UTF8.GetString(body)).Root!);
        return root.Element(action + "Result") ?? (root.Name.LocalName == action + "Result" ? root : new XElement(action + "Result"));
    }

    /// <summary>Turns a query-protocol error answer into a typed exception.</summary>
    internal static AwsServiceException ParseError(
        AwsService service, string action, AwsHttpResponse response, IReadOnlyDictionary<string, AwsErrorKind>? errors = null)
    {
        string? code = null;
        string? message = null;
        var requestId = response.RequestId;
        try
        {
            var root = StripNamespaces(XDocument.Parse(Encoding.UTF8.GetString(response.Body)).Root!);
            // <ErrorResponse><Error>..</Error><RequestId/></ErrorResponse> or EC2's <Response><Errors><Error>..</Error></Errors><RequestID/></Response>
            var error = root.Element("Error") ?? root.Element("Errors")?.Element("Error") ?? (root.Name.LocalName == "Error" ? root : null);
            code = error?.Element("Code")?.Value;
            message = error?.Element("Message")?.Value;
            requestId ??= root.Element("RequestId")?.Value ?? root.Element("RequestID")?.Value;
        }
        catch (XmlException)
        {
            // Not XML: the status code still tells what happened.
        }

        code = string.IsNullOrWhiteSpace(code) ? AwsJsonProtocol.StatusCodeName(response.StatusCode) : code;
        return AwsServiceException.Create(service.SigningName, action, code, response.StatusCode, requestId, message, errors);
    }

    private static XElement StripNamespaces(XElement element) =>
        new(
            element.Name.LocalName,
            element.Attributes().Where(a => !a.IsNamespaceDeclaration).Select(a => new XAttribute(a.Name.LocalName, a.Value)),
            element.Nodes().Select(n => n is XElement child ? StripNamespaces(child) : n));
}
