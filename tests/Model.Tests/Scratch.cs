using Reconciler.Model.Loading;
using Reconciler.Model.Graph;
using Reconciler.Model.Tests.Support;
namespace Reconciler.Model.Tests;
public sealed class Scratch
{
    [Fact]
    public void Dump()
    {
        var r = DesiredStateLoader.Load(TestPaths.InRepo("desired-state", "dev"));
        var lines = new List<string>();
        foreach (var x in r.Stack!.Resources)
            lines.Add($"{x.Key} {x.Location} deps=[{string.Join(",", x.DependsOn)}] soft=[{string.Join(",", x.SoftReferences)}] {x.SpecJson.ToJsonString()} {x.Hash[..8]}");
        var g = DependencyGraph.Build(r.Stack);
        foreach (var l in g.Levels) lines.Add(string.Join(" ", l));
        File.WriteAllLines("/tmp/dump.txt", lines);
    }
}
