using Reconciler.Model.Loading;
using Reconciler.Model.Planning;
using Reconciler.Model.Specs;
using Reconciler.Model.Stacks;
using Reconciler.Model.Tests.Support;

namespace Reconciler.Model.Tests.Planning;

/// <summary>
/// An InferenceService on a Lambda alias owns its function's model environment keys: they join the
/// Function's ignoreFields at load time, so a rollout's values there are no change, declared or not.
/// </summary>
public sealed class RolloutModelEnvironmentTests
{
    private static readonly ResourceKey Function = new("Function", "inference");

    private const string Serverless = """
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
          name: inference
        spec:
          logGroupName: /aws/lambda/test-inference
          retentionDays: 14
        ---
        kind: Function
        metadata:
          name: inference
        spec:
          code: {bucket: models, key: lambda/inference.zip, version: v1}
          runtime: provided.al2023
          handler: bootstrap
          role: fn
          logGroup: inference
          environment:
            Hosting__Mode: Lambda
            Inference__Models__0__Version: "1"
        ---
        kind: Alias
        metadata:
          name: live
        spec:
          function: inference
          version: latest-published
          routingOwner: rollout
        """;

    private const string Service = """
        ---
        kind: InferenceService
        metadata:
          name: penguins
        spec:
          model: {bucket: models, key: penguins/model.onnx, version: "1"}
          runtime:
            lambda: {alias: live}
          strategy:
            steps:
              - setWeight: 10
        """;

    [Fact]
    public void Load_LambdaRuntime_TheFunctionsModelEnvironmentJoinsItsIgnoreFields()
    {
        var function = Load(Serverless + "\n" + Service).Find(Function)!;

        Assert.Equal(LambdaRuntimeSpec.ModelEnvironment.Select(k => $"environment.{k}"), function.Metadata.IgnoreFields);
    }

    [Fact]
    public void Load_NoInferenceServiceOnTheAlias_TheFunctionOwnsItsWholeEnvironment()
    {
        Assert.Empty(Load(Serverless).Find(Function)!.Metadata.IgnoreFields);
    }

    [Fact]
    public void Compute_RolloutSetTheModelEnvironment_IsNoChange_ButAnotherKeyIs()
    {
        var stack = Load(Serverless + "\n" + Service);

        var rolledOut = PlanWithLiveEnvironment(stack, new Dictionary<string, string>
        {
            ["Hosting__Mode"] = "Lambda",
            [LambdaRuntimeSpec.VersionKey] = "2",
            [LambdaRuntimeSpec.VersionIdKey] = "object-version-2",
            [LambdaRuntimeSpec.Sha256Key] = "sha-of-2",
        });
        var edited = PlanWithLiveEnvironment(stack, new Dictionary<string, string> { ["Hosting__Mode"] = "Http", [LambdaRuntimeSpec.VersionKey] = "2" });

        Assert.Equal(ChangeAction.NoOp, rolledOut.Action);
        Assert.Equal(["environment.Hosting__Mode"], edited.Fields.Select(f => f.Path));
    }

    private static ResourceChange PlanWithLiveEnvironment(DesiredStack stack, Dictionary<string, string> environment)
    {
        var observed = Fixtures.InSync(stack);
        observed[Function] = Fixtures.Observed<FunctionSpec>(stack, stack.Find(Function)!, live => live with { Environment = environment });
        return Planner.Compute(stack, observed, new Dictionary<ResourceKey, RecordedResource>()).Changes.Single(c => c.Key == Function);
    }

    private static DesiredStack Load(string documents)
    {
        using var folder = new TempFolder().With("stack.yaml", Documents.Stack).With("serverless.yaml", documents);
        var result = DesiredStateLoader.Load(folder.Path);
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Diagnostics));
        return result.Stack!;
    }
}
