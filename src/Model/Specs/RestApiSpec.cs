using System.Text.RegularExpressions;
using Reconciler.Model.Kinds;
using Reconciler.Model.Pricing;

namespace Reconciler.Model.Specs;

/// <summary>
/// An API Gateway REST API in front of the inference Lambda: each method is proxied
/// (<c>AWS_PROXY</c>) to one Lambda alias and, by default, requires an API key; the API is
/// deployed to one stage with throttling, access logs and stage variables.
/// </summary>
/// <remarks>
/// <para>
/// The batch limit of 100 items per request is enforced by the inference service itself (it
/// answers 400 to a larger batch), not by API Gateway, which cannot count items in a body; the API
/// documents it in its <see cref="Description"/>, which is where callers (and the exported
/// OpenAPI) read it.
/// </para>
/// <para>
/// Converging: a change of the methods, the alias or the binary media types changes what the API
/// does only once deployed, so the driver then creates a new deployment and points the stage at
/// it. The driver also grants API Gateway the right to invoke the alias (a Lambda permission
/// scoped to this API's ARN). Replaced delete-then-create is never needed: nothing is immutable.
/// </para>
/// </remarks>
[Kind("RestApi")]
public sealed partial record RestApiSpec : IResourceSpec
{
    /// <summary>The media type of binary tensors; without it API Gateway would mangle them as text.</summary>
    public const string BinaryTensors = "application/octet-stream";

    /// <summary>The API's name. Defaults to <c>{stack}-{document name}</c>; API Gateway does not require names to be unique.</summary>
    [DefaultName("{stack}-{name}")]
    public string? ApiName { get; init; }

    /// <summary>What the API does and its limits (the 100-items-per-request batch limit), as callers read it.</summary>
    public required string Description { get; init; }

    /// <summary>REGIONAL (served from the region, the default) or EDGE (through CloudFront).</summary>
    [AllowedValues("REGIONAL", "EDGE")]
    public string EndpointType { get; init; } = "REGIONAL";

    /// <summary>Content types passed through as binary; <c>application/octet-stream</c> carries tensors.</summary>
    public IReadOnlyList<string> BinaryMediaTypes { get; init; } = [BinaryTensors];

    /// <summary>The Alias document (a Lambda alias) every method proxies to.</summary>
    [Reference("Alias")]
    public required string Alias { get; init; }

    /// <summary>The methods, each proxied to the alias.</summary>
    public required IReadOnlyList<RestApiMethodSpec> Methods { get; init; }

    /// <summary>The stage the API is served from.</summary>
    /// <remarks>Documents must set it (required); null only in live state, for an API not deployed to a stage yet.</remarks>
    public required RestApiStageSpec? Stage { get; init; }

    /// <summary>Paths API Gateway accepts, methods once each, a throttle it accepts, logs it can write.</summary>
    public void Validate(SpecRules rules)
    {
        if (rules.HasValue("methods") && Methods.Count == 0)
        {
            rules.Error("methods", "RestApi spec.methods is empty: the API would serve nothing; add a method, e.g. {path: /predict, httpMethod: POST}");
        }

        var seen = new HashSet<(string, string)>();
        for (var i = 0; i < Methods.Count; i++)
        {
            var method = Methods[i];
            if (rules.HasValue($"methods[{i}].path") && !ValidPath().IsMatch(method.Path))
            {
                rules.Error($"methods[{i}].path", $"RestApi spec.methods[{i}].path '{method.Path}' is not a resource path; write it from the root with non-empty segments and no trailing slash (/predict, /models/{{model}}, /{{proxy+}}), or / for the root");
            }

            if (!seen.Add((method.Path, method.HttpMethod)))
            {
                rules.Error($"methods[{i}]", $"RestApi spec.methods[{i}] repeats {method.HttpMethod} {method.Path}; a path takes each HTTP method once, so remove the duplicate");
            }

            if (rules.HasValue($"methods[{i}].apiKeyRequired") && !method.ApiKeyRequired)
            {
                rules.Warn($"methods[{i}].apiKeyRequired", $"RestApi spec.methods[{i}] ({method.HttpMethod} {method.Path}) requires no API key: anyone can call it, outside every usage plan's rate limit and quota");
            }
        }

        if (rules.HasValue("binaryMediaTypes") && !BinaryMediaTypes.Contains(BinaryTensors))
        {
            rules.Warn("binaryMediaTypes", $"RestApi spec.binaryMediaTypes lacks {BinaryTensors}: binary tensors would reach the function re-encoded as text; add it");
        }

        ValidateStage(rules);
    }

    /// <summary>Requests at the region's REST API price, from the usage assumption.</summary>
    public MonthlyCost Price(PriceTable prices)
    {
        var millions = prices.Assumption("RestApi", "requestsMillionsPerMonth");
        return new MonthlyCost(millions * prices.Price("apigateway.restRequests"), $"{MonthlyCost.Figure(millions)} million requests a month");
    }

    private void ValidateStage(SpecRules rules)
    {
        if (Stage is null)
        {
            return;
        }

        if (rules.HasValue("stage.name") && !StageName().IsMatch(Stage.Name))
        {
            rules.Error("stage.name", $"RestApi spec.stage.name '{Stage.Name}' has characters API Gateway refuses; use letters, digits, '-' and '_' (e.g. v1)");
        }

        if (rules.HasValue("stage.throttle.burstLimit") && rules.HasValue("stage.throttle.rateLimit") && Stage.Throttle.BurstLimit < Stage.Throttle.RateLimit)
        {
            rules.Error("stage.throttle.burstLimit", $"RestApi spec.stage.throttle.burstLimit {Stage.Throttle.BurstLimit} is below rateLimit {Stage.Throttle.RateLimit}: a second's worth of requests could never pass at once; raise burstLimit to at least the rate");
        }

        if (rules.HasValue("stage.accessLogs.format") && Stage.AccessLogs is { } logs
            && !logs.Format.Contains("$context.requestId", StringComparison.Ordinal) && !logs.Format.Contains("$context.extendedRequestId", StringComparison.Ordinal))
        {
            rules.Error("stage.accessLogs.format", "RestApi spec.stage.accessLogs.format has no $context.requestId; API Gateway refuses an access log format without it, so add it (e.g. {\"requestId\":\"$context.requestId\", ...})");
        }
    }

    [GeneratedRegex(@"^(?=/)(/|(/([A-Za-z0-9._~:@!$&'()*,;=-]+|\{[A-Za-z0-9_]+\}))*(/\{[A-Za-z0-9_]+\+\})?)$")]
    private static partial Regex ValidPath();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,128}$")]
    private static partial Regex StageName();
}
