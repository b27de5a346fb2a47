namespace Reconciler.Tools.AwsClientGenerator;

/// <summary>One service of clients.json.</summary>
/// <param name="Model">botocore's folder name for the service, e.g. "elbv2".</param>
/// <param name="Version">The model's API version folder, e.g. "2015-12-01".</param>
/// <param name="Name">The C# name: namespace Reconciler.Aws.Clients.&lt;Name&gt;, I&lt;Name&gt;Client, and the AwsService field of that name.</param>
/// <param name="Protocol">Overrides the model's protocol ("query", "json", "rest-json") where the model lists several.</param>
/// <param name="Operations">Each operation to generate, "read" or "write".</param>
internal sealed record ServiceConfig(
    string Model,
    string Version,
    string Name,
    string? Protocol,
    IReadOnlyDictionary<string, string> Operations);
