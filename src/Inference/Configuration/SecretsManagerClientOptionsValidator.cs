using Microsoft.Extensions.Options;
using Reconciler.Aws;

namespace Reconciler.Inference.Configuration;

/// <summary>Checks the "SecretsManager" section at start-up: an absolute http(s) endpoint and a region name.</summary>
internal sealed class SecretsManagerClientOptionsValidator : IValidateOptions<SecretsManagerClientOptions>
{
    public ValidateOptionsResult Validate(string? name, SecretsManagerClientOptions options)
    {
        var errors = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.ServiceUrl)
            && !(Uri.TryCreate(options.ServiceUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)))
        {
            errors.Add($"SecretsManager:ServiceUrl '{options.ServiceUrl}' is not an absolute http(s) URL; set it like http://127.0.0.1:5000, or leave it empty for AWS.");
        }

        if (!string.IsNullOrWhiteSpace(options.Region) && new AwsEnvironment { Region = options.Region.Trim() }.Validate().Count > 0)
        {
            errors.Add($"SecretsManager:Region '{options.Region}' is not a region name like 'eu-west-1'; fix it or leave it empty for AWS_REGION.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
