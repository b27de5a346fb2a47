using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Reconciler.Integration.Tests.Cli;
using Reconciler.Integration.Tests.Emulator;

namespace Reconciler.Integration.Tests.Drivers;

/// <summary>
/// A function's surroundings on the emulator (the model bucket, a role Lambda trusts, the
/// function's log group) and its package: a small real zip holding a <c>bootstrap</c>, uploaded
/// with the aws CLI, since moto's CreateFunction reads the object from its own S3.
/// </summary>
internal sealed class LambdaDocuments
{
    private const string Surroundings = """
        kind: Bucket
        metadata:
          name: models
        spec:
          versioning: true
        ---
        kind: Role
        metadata:
          name: fn
        spec:
          assumeRolePolicy:
            statements:
              - principals:
                  service: [lambda.amazonaws.com]
                actions: [sts:AssumeRole]
        ---
        kind: LogGroup
        metadata:
          name: fn-logs
        spec:
          logGroupName: /aws/lambda/FUNCTION
          retentionDays: 14
        """;

    private const string Function = """
        ---
        kind: Function
        metadata:
          name: inference
          tags:
            service: inference
        spec:
          functionName: FUNCTION
          code:
            bucket: models
            key: lambda/inference.zip
            version: PACKAGE_VERSION
          runtime: provided.al2023
          handler: bootstrap
          memoryMb: 256
          timeoutSeconds: 30
          environment:
            Hosting__Mode: Lambda
          role: fn
          logGroup: fn-logs
        """;

    private LambdaDocuments(DriverHarness harness, AwsCli aws, string functionName)
    {
        Harness = harness;
        Aws = aws;
        FunctionName = functionName;
    }

    public DriverHarness Harness { get; }

    public AwsCli Aws { get; }

    /// <summary>The function's physical name: unique per test, as its log group's name must say it.</summary>
    public string FunctionName { get; }

    /// <summary>The object version id of the package uploaded first.</summary>
    public string PackageVersion { get; private set; } = "";

    public string BucketName => $"{Harness.StackName}-models";

    /// <summary>Creates the bucket, role and log group, uploads a first package, and loads the function document naming its version.</summary>
    public static async Task<(LambdaDocuments Lambda, string PackageVersion)> SetUpAsync(AwsEmulatorFixture emulator)
    {
        var functionName = $"fn-{Guid.NewGuid():N}"[..16];
        var harness = new DriverHarness(emulator, Surroundings.Replace("FUNCTION", functionName, StringComparison.Ordinal));
        await harness.CreateAllAsync(("Bucket", "models"), ("Role", "fn"), ("LogGroup", "fn-logs"));
        var lambda = new LambdaDocuments(harness, new AwsCli(emulator.Endpoint), functionName);
        var version = await lambda.UploadPackageAsync("#!/bin/sh\nexec ./Reconciler.Inference\n");
        lambda.PackageVersion = version;
        lambda.Load(version);
        return (lambda, version);
    }

    /// <summary>The surroundings and the function document, with the package version and any replacements.</summary>
    public string Text(string packageVersion, params (string From, string To)[] edits) =>
        edits.Aggregate(TextFor(FunctionName, packageVersion), (text, edit) => text.Replace(edit.From, edit.To, StringComparison.Ordinal));

    /// <summary>The surroundings and the function document for a function name and package version (also the rollout rig's Lambda runtime).</summary>
    public static string TextFor(string functionName, string packageVersion) =>
        (Surroundings + "\n" + Function).Replace("FUNCTION", functionName, StringComparison.Ordinal).Replace("PACKAGE_VERSION", packageVersion, StringComparison.Ordinal);

    public void Load(string packageVersion, params (string From, string To)[] edits) => Harness.Load(Text(packageVersion, edits));

    /// <summary>Uploads a zip holding <paramref name="bootstrap"/> as the package and returns the new object version id.</summary>
    public Task<string> UploadPackageAsync(string bootstrap) => UploadPackageAsync(Aws, BucketName, bootstrap);

    /// <summary>Uploads a zip holding <paramref name="bootstrap"/> as the package into <paramref name="bucket"/> and returns the new object version id.</summary>
    public static async Task<string> UploadPackageAsync(AwsCli aws, string bucket, string bootstrap)
    {
        var path = ZipOf(bootstrap);
        try
        {
            var put = await aws.RunAsync("s3api", "put-object", "--bucket", bucket, "--key", "lambda/inference.zip", "--body", path);
            return put!["VersionId"]!.GetValue<string>();
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>A zip holding one executable <c>bootstrap</c>, written to a temporary file.</summary>
    public static string ZipOf(string bootstrap)
    {
        var path = Path.Combine(Path.GetTempPath(), $"lambda-{Guid.NewGuid():N}.zip");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            var entry = zip.CreateEntry("bootstrap");
            entry.ExternalAttributes = Convert.ToInt32("100755", 8) << 16;
            using var stream = entry.Open();
            stream.Write(Encoding.UTF8.GetBytes(bootstrap));
        }

        return path;
    }

    public async Task<JsonNode> ConfigurationAsync() =>
        (await Aws.RunAsync("lambda", "get-function-configuration", "--function-name", FunctionName))!;

    /// <summary>The published versions as the CLI lists them (without $LATEST).</summary>
    public async Task<List<JsonNode>> PublishedVersionsAsync() =>
        [.. (await Aws.RunAsync("lambda", "list-versions-by-function", "--function-name", FunctionName))!["Versions"]!.AsArray()
            .OfType<JsonNode>()
            .Where(v => v["Version"]!.GetValue<string>() != "$LATEST")];
}
