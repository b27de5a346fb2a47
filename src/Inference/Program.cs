using Reconciler.Inference;

// The inference service: Open Inference Protocol over HTTP (Kestrel), or as a Lambda function when
// AWS_LAMBDA_RUNTIME_API is set. See README.md beside this file.
var app = InferenceApp.Build(args);
await app.RunAsync();

/// <summary>The entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
