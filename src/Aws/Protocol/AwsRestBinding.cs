namespace Reconciler.Aws.Protocol;

/// <summary>The HTTP binding of one rest-json operation, from the model's <c>http</c> block.</summary>
/// <param name="Method">The HTTP method, e.g. "POST".</param>
/// <param name="UriTemplate">The request URI with {Label} and greedy {Label+} placeholders, e.g. "/2015-03-31/functions/{FunctionName}".</param>
/// <param name="ResponseCode">The status a success answer carries (200, 201, 202, 204).</param>
public sealed record AwsRestBinding(string Method, string UriTemplate, int ResponseCode = 200);
