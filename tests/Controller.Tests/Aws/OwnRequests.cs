using System.Net.Http.Headers;
using System.Text;

namespace Reconciler.Controller.Tests.Aws;

/// <summary>
/// Requests as the project's own clients send them (signed for their service, carrying their
/// <see cref="AwsOperation"/>), one per protocol: rest-json (Lambda), query (ELBv2), JSON (ECS).
/// </summary>
internal static class OwnRequests
{
    private const string Authorization = "Credential=AKID/20260101/us-east-1/{0}/aws4_request, SignedHeaders=host;x-amz-date, Signature=00";

    /// <summary>Lambda's CreateFunction: <c>POST /2015-03-31/functions</c> with a JSON body; <paramref name="declared"/> false leaves its AwsOperation off.</summary>
    public static HttpRequestMessage LambdaCreateFunction(bool declared = true)
    {
        var request = declared
            ? Declared(HttpMethod.Post, "/2015-03-31/functions", new AwsOperation(AwsService.Lambda, "CreateFunction", true))
            : Signed(HttpMethod.Post, "http://127.0.0.1:5000/2015-03-31/functions", AwsService.Lambda.SigningName);
        request.Content = new StringContent("""{"FunctionName":"inference","Runtime":"provided.al2023"}""", Encoding.UTF8, "application/json");
        return request;
    }

    /// <summary>A declared write of <paramref name="protocol"/>: "rest-json", "query" or "json".</summary>
    public static HttpRequestMessage Write(string protocol) => protocol switch
    {
        "rest-json" => LambdaCreateFunction(),
        "query" => Query(AwsService.ElasticLoadBalancingV2, "CreateTargetGroup", "2015-12-01", true, "&Name=blue&TargetType=lambda"),
        "json" => Json(AwsService.Ecs, "AmazonEC2ContainerServiceV20141113", "CreateCluster", true, """{"clusterName":"inference"}"""),
        _ => throw new ArgumentOutOfRangeException(nameof(protocol), protocol, "rest-json, query or json"),
    };

    /// <summary>A declared read of <paramref name="protocol"/>: "rest-json" or "query".</summary>
    public static HttpRequestMessage Read(string protocol) => protocol switch
    {
        "rest-json" => Declared(HttpMethod.Get, "/2015-03-31/functions/inference", new AwsOperation(AwsService.Lambda, "GetFunction", false)),
        "query" => Query(AwsService.ElasticLoadBalancingV2, "DescribeTargetGroups", "2015-12-01", false, string.Empty),
        _ => throw new ArgumentOutOfRangeException(nameof(protocol), protocol, "rest-json or query"),
    };

    /// <summary>A Lambda request to <paramref name="path"/> carrying <paramref name="operation"/>.</summary>
    public static HttpRequestMessage Declared(HttpMethod method, string path, AwsOperation operation)
    {
        var request = Signed(method, "http://127.0.0.1:5000" + path, operation.Service.SigningName);
        request.Options.Set(AwsOperation.OptionKey, operation);
        return request;
    }

    private static HttpRequestMessage Query(AwsService service, string action, string version, bool writes, string parameters)
    {
        var request = Signed(HttpMethod.Post, "http://127.0.0.1:5000/", service.SigningName);
        request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes($"Action={action}&Version={version}{parameters}"));
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded; charset=utf-8");
        request.Options.Set(AwsOperation.OptionKey, new AwsOperation(service, action, writes));
        return request;
    }

    private static HttpRequestMessage Json(AwsService service, string targetPrefix, string operation, bool writes, string body)
    {
        var request = Signed(HttpMethod.Post, "http://127.0.0.1:5000/", service.SigningName);
        request.Headers.TryAddWithoutValidation("X-Amz-Target", targetPrefix + "." + operation);
        request.Content = new StringContent(body, Encoding.UTF8);
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/x-amz-json-1.1");
        request.Options.Set(AwsOperation.OptionKey, new AwsOperation(service, operation, writes));
        return request;
    }

    private static HttpRequestMessage Signed(HttpMethod method, string url, string service)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("AWS4-HMAC-SHA256", string.Format(System.Globalization.CultureInfo.InvariantCulture, Authorization, service));
        return request;
    }
}
