using Microsoft.Extensions.Options;
using Reconciler.Inference;

// The inference service: Open Inference Protocol over HTTP (Kestrel), or as a Lambda function when
// AWS_LAMBDA_RUNTIME_API is set. See README.md beside this file.
WebApplication app;
try
{
    app = InferenceApp.Build(args);
    InferenceApp.ValidateSettings(app);
}
catch (OptionsValidationException e)
{
    // Bad or missing settings: one line saying which and where they were read, not a stack trace.
    Console.Error.WriteLine($"error: {string.Join(" ", e.Failures)} (settings read from {InferenceApp.SettingsDescription(args)})");
    return 1;
}

await app.RunAsync();
return 0;

/// <summary>The entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
