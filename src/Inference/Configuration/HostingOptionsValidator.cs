using Microsoft.Extensions.Options;

namespace Reconciler.Inference.Configuration;

/// <summary>Checks the "Hosting" section: a known mode, and a runtime API address when running as a Lambda function.</summary>
internal sealed class HostingOptionsValidator : IValidateOptions<HostingOptions>
{
    public ValidateOptionsResult Validate(string? name, HostingOptions options)
    {
        var mode = options.Mode;
        if (mode is not null && mode != HostingModes.Http && mode != HostingModes.Lambda)
        {
            return ValidateOptionsResult.Fail($"Hosting:Mode is '{mode}'; use '{HostingModes.Http}' or '{HostingModes.Lambda}'.");
        }

        var runtimeApi = options.LambdaRuntimeApi ?? Environment.GetEnvironmentVariable("AWS_LAMBDA_RUNTIME_API");
        if (mode == HostingModes.Lambda && string.IsNullOrWhiteSpace(runtimeApi))
        {
            return ValidateOptionsResult.Fail("Hosting:Mode is 'Lambda' but no runtime API address is known; set AWS_LAMBDA_RUNTIME_API or Hosting:LambdaRuntimeApi.");
        }

        return ValidateOptionsResult.Success;
    }
}
