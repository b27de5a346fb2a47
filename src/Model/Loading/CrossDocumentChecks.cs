using Reconciler.Model.Graph;
using Reconciler.Model.Stacks;

namespace Reconciler.Model.Loading;

/// <summary>
/// Checks between documents: unique names, references to declared documents, subnet ranges
/// inside their VPC and apart from each other, and no cycles of hard references. Run only
/// when every file parsed, so a syntax error never turns into a flood of dangling references.
/// </summary>
internal static class CrossDocumentChecks
{
    public static void Run(IReadOnlyList<BoundDocument> documents, DiagnosticBag bag)
    {
        Duplicates(documents, bag);
        References(documents, bag);
        SubnetRanges(documents, bag);
        Cycles(documents, bag);
    }

    private static void Duplicates(IReadOnlyList<BoundDocument> documents, DiagnosticBag bag)
    {
        foreach (var group in documents.Where(d => d.Key is not null).GroupBy(d => d.Key!.Value))
        {
            var first = group.First();
            foreach (var duplicate in group.Skip(1))
            {
                bag.Add(duplicate.NameLocation, $"duplicate {group.Key.Kind} name '{group.Key.Name}' (first declared at {first.NameLocation}); names must be unique within a kind");
            }
        }
    }

    private static void References(IReadOnlyList<BoundDocument> documents, DiagnosticBag bag)
    {
        var declared = documents.Where(d => d.Name is not null).ToLookup(d => d.Kind.Name, d => d.Name!);
        var switchedOff = documents.Where(d => !d.Enabled && d.Key is not null).GroupBy(d => d.Key!.Value).ToDictionary(g => g.Key, g => g.First());
        foreach (var document in documents)
        {
            foreach (var site in document.References)
            {
                var names = declared[site.Target.Kind].Distinct().Order(StringComparer.Ordinal).ToList();
                if (names.Contains(site.Target.Name))
                {
                    // A switched-off document is not in the desired state: a switched-on one cannot depend on it.
                    if (document.Enabled && switchedOff.TryGetValue(site.Target, out var off))
                    {
                        bag.Add(site.Location, $"field '{site.Field}' of {Describe(document)} references {site.Target.Kind} '{site.Target.Name}', which is switched off (metadata.enabled: false, declared at {off.NameLocation}); switch both on or off together, or remove the reference");
                    }

                    continue;
                }

                var hint = Suggestions.Closest(site.Target.Name, names) is { } closest
                    ? $"did you mean '{closest}'?"
                    : $"declare a {site.Target.Kind} document named '{site.Target.Name}' or fix the name";
                bag.Add(site.Location, $"field '{site.Field}' of {Describe(document)} references {site.Target.Kind} '{site.Target.Name}', which no document declares; {hint}");
            }
        }
    }

    private static void SubnetRanges(IReadOnlyList<BoundDocument> documents, DiagnosticBag bag)
    {
        var vpcs = documents.Where(d => d.Kind.Name == "Vpc" && d.Name is not null)
            .GroupBy(d => d.Name!)
            .ToDictionary(g => g.Key, g => g.First());
        var subnets = documents.Where(d => d.Kind.Name == "Subnet" && (string?)d.Spec["vpc"] is not null && (string?)d.Spec["cidrBlock"] is not null);
        foreach (var group in subnets.GroupBy(d => (string)d.Spec["vpc"]!))
        {
            Ipv4Cidr? vpcRange = vpcs.TryGetValue(group.Key, out var vpc) && (string?)vpc.Spec["cidrBlock"] is { } text && Ipv4Cidr.TryParse(text, out var parsed, out _)
                ? parsed
                : null;
            var seen = new List<(BoundDocument Subnet, Ipv4Cidr Range)>();
            foreach (var subnet in group)
            {
                var cidrText = (string)subnet.Spec["cidrBlock"]!;
                if (!Ipv4Cidr.TryParse(cidrText, out var range, out _))
                {
                    continue;
                }

                if (vpcRange is { } outer && !outer.Contains(range))
                {
                    bag.Add(subnet.LocationOf("cidrBlock"), $"subnet CIDR '{cidrText}' of {Describe(subnet)} is outside VPC '{group.Key}' ({outer}); choose a range inside it");
                }

                foreach (var (other, otherRange) in seen.Where(s => s.Range.Overlaps(range)))
                {
                    bag.Add(subnet.LocationOf("cidrBlock"), $"subnet CIDR '{cidrText}' of {Describe(subnet)} overlaps subnet '{other.Name}' ({otherRange}) in VPC '{group.Key}'; give each subnet its own range");
                }

                seen.Add((subnet, range));
            }
        }
    }

    private static void Cycles(IReadOnlyList<BoundDocument> documents, DiagnosticBag bag)
    {
        var nodes = documents.Where(d => d.Key is not null)
            .GroupBy(d => d.Key!.Value)
            .Select(g => g.First())
            .ToList();
        var graph = DependencyGraph.Build(nodes.Select(d => (
            d.Key!.Value,
            d.References.Where(r => !r.Soft).Select(r => r.Target).Concat(AttachmentOrder.Of(d, documents)),
            Enumerable.Empty<ResourceKey>())));
        if (graph.Cycle is { } cycle)
        {
            var first = nodes.First(d => d.Key == cycle[0]);
            bag.Add(first.Location, $"{graph.CycleMessage}; remove one of these references");
        }
    }

    private static string Describe(BoundDocument document) =>
        document.Name is null ? $"a {document.Kind.Name} document" : $"{document.Kind.Name} '{document.Name}'";
}
