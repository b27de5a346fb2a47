using System.Text.RegularExpressions;
using Reconciler.Model.Stacks;
using YamlDotNet.RepresentationModel;

namespace Reconciler.Model.Loading;

/// <summary>Reads the one <c>kind: Stack</c> document: name, region, account, tags, policies, variables, usage.</summary>
internal static partial class StackReader
{
    private static readonly string[] SpecFields = ["region", "accountId", "tags", "policies", "variables", "usage"];
    private static readonly string[] PolicyFields = ["drift", "deletion", "maxDeletePercent", "iamWildcards", "requireMultipleZones", "requireAuditTrail"];
    private const string Where = "Stack spec";

    /// <summary>
    /// The raw <c>spec.variables</c> of a Stack document, read before anything else because every
    /// other scalar (the Stack's own included) may use them. Variables are not substituted into variables.
    /// </summary>
    public static Dictionary<string, string> ReadVariables(DocumentContext context, YamlMappingNode root)
    {
        if (DocumentContext.Get(root, "spec") is not YamlMappingNode spec
            || DocumentContext.Get(spec, "variables") is not { } node
            || DocumentContext.IsNull(node))
        {
            return new Dictionary<string, string>(StringComparer.Ordinal);
        }

        var variables = context.Map(node, "variables", Where, substitute: false) ?? [];
        if (node is YamlMappingNode mapping)
        {
            foreach (var (key, keyNode, _) in context.Entries(mapping, $"{Where}.variables"))
            {
                if (!VariableName().IsMatch(key))
                {
                    context.Error(keyNode, $"invalid variable name '{key}' in {Where}.variables; use letters, digits and underscores, starting with a letter");
                }
            }
        }

        return variables;
    }

    /// <summary>The stack, or null when a required part is missing or invalid.</summary>
    public static StackSpec? Read(DocumentContext context, YamlMappingNode root, IReadOnlyDictionary<string, string> variables)
    {
        string? name = null;
        var metadata = DocumentContext.Get(root, "metadata");
        if (metadata is null || DocumentContext.IsNull(metadata))
        {
            context.Error(metadata ?? root, "missing field 'metadata' in Stack document; add metadata.name (the stack's name)");
        }
        else if (context.Mapping(metadata, "metadata", "Stack document") is { } metadataNode)
        {
            var misspelledName = context.CheckUnknown(metadataNode, ["name"], "metadata");
            name = MetadataReader.ReadName(context, metadataNode, "metadata", reportMissing: !misspelledName.Contains("name")).Name;
        }

        var specNode = DocumentContext.Get(root, "spec");
        if (specNode is null || DocumentContext.IsNull(specNode))
        {
            context.Error(root, "missing field 'spec' in Stack document; add spec with region and accountId");
            return null;
        }

        if (context.Mapping(specNode, "spec", "Stack document") is not { } spec)
        {
            return null;
        }

        var misspelled = context.CheckUnknown(spec, SpecFields, Where);
        var region = ReadRegion(context, spec, misspelled);
        var accountId = ReadAccountId(context, spec, misspelled);
        var stack = new StackSpec { Name = name ?? "", Region = region ?? "", AccountId = accountId ?? "", Variables = variables };

        if (DocumentContext.Get(spec, "tags") is { } tagsNode && !DocumentContext.IsNull(tagsNode) && TagReader.Read(context, tagsNode, Where) is { } tags)
        {
            stack = stack with { Tags = tags };
        }

        if (DocumentContext.Get(spec, "policies") is { } policiesNode && !DocumentContext.IsNull(policiesNode)
            && context.Mapping(policiesNode, "policies", Where) is { } policies)
        {
            stack = stack with { Policies = ReadPolicies(context, policies) };
        }

        if (DocumentContext.Get(spec, "usage") is { } usageNode && !DocumentContext.IsNull(usageNode))
        {
            var prices = Pricing.PriceTable.ForRegion(region ?? "") ?? Pricing.PriceTable.Default;
            if (UsageReader.Read(context, usageNode, Where + ".usage", [.. prices.AssumptionIds]) is { } usage)
            {
                stack = stack with { Usage = usage };
            }
        }

        return name is null || region is null || accountId is null ? null : stack;
    }

    private static string? ReadRegion(DocumentContext context, YamlMappingNode spec, HashSet<string> misspelled)
    {
        var node = DocumentContext.Get(spec, "region");
        if (node is null || DocumentContext.IsNull(node))
        {
            ReportMissing(context, node, spec, misspelled, "region", "add it, e.g. region: us-east-1");
            return null;
        }

        var region = context.Text(node, "region", Where);
        if (region is not null && !Region().IsMatch(region))
        {
            context.Error(node, $"invalid region '{region}' in {Where}; write an AWS region such as us-east-1");
            return null;
        }

        return region;
    }

    private static string? ReadAccountId(DocumentContext context, YamlMappingNode spec, HashSet<string> misspelled)
    {
        var node = DocumentContext.Get(spec, "accountId");
        if (node is null || DocumentContext.IsNull(node))
        {
            ReportMissing(context, node, spec, misspelled, "accountId", "add the 12-digit AWS account id, e.g. accountId: \"123456789012\"");
            return null;
        }

        var accountId = context.Text(node, "accountId", Where);
        if (accountId is not null && !AccountId().IsMatch(accountId))
        {
            context.Error(node, $"invalid accountId '{accountId}' in {Where}; write the 12-digit AWS account id as a string, e.g. accountId: \"123456789012\"");
            return null;
        }

        return accountId;
    }

    private static void ReportMissing(DocumentContext context, YamlNode? node, YamlMappingNode spec, HashSet<string> misspelled, string field, string fix)
    {
        if (node is not null || !misspelled.Contains(field))
        {
            context.Error(node ?? spec, $"missing required field '{field}' in {Where}; {fix}");
        }
    }

    private static StackPolicies ReadPolicies(DocumentContext context, YamlMappingNode mapping)
    {
        const string where = Where + ".policies";
        context.CheckUnknown(mapping, PolicyFields, where);
        var policies = new StackPolicies();
        if (DocumentContext.Get(mapping, "drift") is { } drift && !DocumentContext.IsNull(drift) && context.Enum<DriftPolicy>(drift, "drift", where) is { } d)
        {
            policies = policies with { Drift = d };
        }

        if (DocumentContext.Get(mapping, "deletion") is { } deletion && !DocumentContext.IsNull(deletion) && context.Enum<DeletionPolicy>(deletion, "deletion", where) is { } p)
        {
            policies = policies with { Deletion = p };
        }

        if (DocumentContext.Get(mapping, "maxDeletePercent") is { } max && !DocumentContext.IsNull(max) && context.Integer(max, "maxDeletePercent", where) is { } percent)
        {
            if (percent is < 0 or > 100)
            {
                context.Error(max, $"value {percent} for field 'maxDeletePercent' in {where} is out of range; allowed: 0 to 100");
            }
            else
            {
                policies = policies with { MaxDeletePercent = (int)percent };
            }
        }

        if (DocumentContext.Get(mapping, "iamWildcards") is { } wildcards && !DocumentContext.IsNull(wildcards) && context.Enum<WildcardPolicy>(wildcards, "iamWildcards", where) is { } w)
        {
            policies = policies with { IamWildcards = w };
        }

        if (DocumentContext.Get(mapping, "requireMultipleZones") is { } zones && !DocumentContext.IsNull(zones) && context.Boolean(zones, "requireMultipleZones", where) is { } z)
        {
            policies = policies with { RequireMultipleZones = z };
        }

        if (DocumentContext.Get(mapping, "requireAuditTrail") is { } audit && !DocumentContext.IsNull(audit) && context.Boolean(audit, "requireAuditTrail", where) is { } a)
        {
            policies = policies with { RequireAuditTrail = a };
        }

        return policies;
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]*$")]
    private static partial Regex VariableName();

    [GeneratedRegex(@"^[a-z]{2}(-[a-z]+)+-\d{1,2}$")]
    private static partial Regex Region();

    [GeneratedRegex(@"^\d{12}$")]
    private static partial Regex AccountId();
}
