using System.Text.Json.Nodes;
using Reconciler.Model;
using Reconciler.Model.Planning;
using Reconciler.Model.Specs;
using Reconciler.Model.Stacks;

namespace Reconciler.Controller.Tests.Drift;

/// <summary>Plans as the planner would make them, reduced to what drift tracking reads.</summary>
internal static class DriftPlans
{
    public const string Stack = "dev";

    public static readonly ResourceKey Vpc = new("Vpc", "main");

    public static readonly ResourceKey Subnet = new("Subnet", "public-a");

    public static Plan Plan(params ResourceChange[] changes) => Plan(DriftPolicy.Alert, changes);

    public static Plan Plan(DriftPolicy stackPolicy, params ResourceChange[] changes) => new()
    {
        Stack = new StackSpec
        {
            Name = Stack,
            Region = "us-east-1",
            AccountId = "123456789012",
            Policies = new StackPolicies { Drift = stackPolicy },
        },
        Changes = changes,
    };

    /// <summary>The VPC's CIDR changed in AWS: desired 10.0.0.0/16, live <paramref name="liveCidr"/>.</summary>
    public static ResourceChange CidrDrift(string liveCidr = "10.1.0.0/16", DriftPolicy? policy = null) =>
        Drifted(Vpc, policy, ("cidrBlock", JsonValue.Create("10.0.0.0/16"), JsonValue.Create(liveCidr)));

    public static ResourceChange Drifted(ResourceKey key, DriftPolicy? policy, params (string Path, JsonNode? Desired, JsonNode? Live)[] fields) => new()
    {
        Key = key,
        Action = ChangeAction.Update,
        Desired = Desired(key, policy),
        Fields = [.. fields.Select(f => new FieldChange { Path = f.Path, Before = f.Live, After = f.Desired })],
        IsDrift = true,
    };

    public static ResourceChange InSync(ResourceKey key) => new() { Key = key, Action = ChangeAction.NoOp, Desired = Desired(key, null) };

    /// <summary>An update because the document changed (not drift).</summary>
    public static ResourceChange DocumentChanged(ResourceKey key) => new()
    {
        Key = key,
        Action = ChangeAction.Update,
        Desired = Desired(key, null),
        Fields = [new FieldChange { Path = "cidrBlock", Before = JsonValue.Create("10.1.0.0/16"), After = JsonValue.Create("10.2.0.0/16") }],
    };

    private static DesiredResource Desired(ResourceKey key, DriftPolicy? policy) => new()
    {
        Key = key,
        Spec = new VpcSpec { CidrBlock = "10.0.0.0/16" },
        SpecJson = new JsonObject { ["cidrBlock"] = "10.0.0.0/16" },
        Metadata = new ResourceMetadata { Name = key.Name, Drift = policy },
        Location = new SourceLocation("desired-state/dev/network.yaml", 1, 1),
        Hash = "hash-1",
    };
}
