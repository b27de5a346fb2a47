using Reconciler.Model.Kinds;
using Reconciler.Model.Loading;
using Reconciler.Model.Planning;
using Reconciler.Model.Stacks;

namespace Reconciler.Model.Tests.Support;

/// <summary>The committed environments, and AWS as it would look if it matched them exactly.</summary>
internal static class Fixtures
{
    public static DesiredStack Dev() => Load("dev");

    public static DesiredStack Prod() => Load("prod");

    /// <summary>Loads with the path relative to the repository root, as the CLI would be run from there.</summary>
    public static DesiredStack Load(string environment)
    {
        var result = DesiredStateLoader.Load(TestPaths.InRepo("desired-state", environment));
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        return result.Stack! with { Directory = $"desired-state/{environment}" };
    }

    /// <summary>Every desired resource observed exactly as desired, with its effective tags.</summary>
    public static Dictionary<ResourceKey, ObservedResource> InSync(DesiredStack stack) =>
        stack.Resources.ToDictionary(r => r.Key, r => Observed(stack, r));

    /// <summary>The resource observed exactly as desired.</summary>
    public static ObservedResource Observed(DesiredStack stack, DesiredResource resource) =>
        Observed<IResourceSpec>(stack, resource, live => live);

    /// <summary>The resource observed as desired but for <paramref name="change"/> to its live spec record.</summary>
    public static ObservedResource Observed<TSpec>(DesiredStack stack, DesiredResource resource, Func<TSpec, TSpec> change)
        where TSpec : IResourceSpec
    {
        return new ObservedResource
        {
            Key = resource.Key,
            Exists = true,
            Live = change(resource.SpecAs<TSpec>()),
            Tags = new Dictionary<string, string>(ResourceTags.Effective(stack.Stack, resource)),
            Identity = new Dictionary<string, string> { ["id"] = $"id-{resource.Key.Name}" },
        };
    }

    /// <summary>Every desired resource recorded as applied at its current hash.</summary>
    public static Dictionary<ResourceKey, RecordedResource> Applied(DesiredStack stack) =>
        stack.Resources.ToDictionary(r => r.Key, r => new RecordedResource { Key = r.Key, AppliedHash = r.Hash });
}
