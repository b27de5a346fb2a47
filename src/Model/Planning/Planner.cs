using System.Text.Json.Nodes;
using Reconciler.Model.Graph;
using Reconciler.Model.Kinds;
using Reconciler.Model.Stacks;

namespace Reconciler.Model.Planning;

/// <summary>
/// Computes the plan: what to create, update, replace, delete or orphan so AWS matches the
/// desired stack. Pure and level-triggered: it sees the whole desired, observed and recorded
/// state and decides from that alone; drivers only report what they see.
/// </summary>
public static class Planner
{
    /// <summary>The field path of tag changes.</summary>
    public const string TagsPath = "tags";

    /// <summary>
    /// The plan. Desired resources come in dependency order (creates, updates, replacements and
    /// no-ops), then deletes and orphans of resources no longer desired (recorded in state, or
    /// observed by tag), dependants first, ordered by kind since their documents are gone.
    /// </summary>
    /// <param name="desired">The loaded stack.</param>
    /// <param name="observed">What drivers saw, by key; a desired key missing here is treated as not existing.</param>
    /// <param name="recorded">What the state table remembers of applied resources.</param>
    /// <param name="unobservedKinds">
    /// Kinds whose observe failed, with the error. Nothing is known of their resources, so none
    /// of them is created, changed, deleted or orphaned, nor is anything that depends on them:
    /// they are listed in <see cref="Plan.Skipped"/> instead.
    /// </param>
    public static Plan Compute(
        DesiredStack desired,
        IReadOnlyDictionary<ResourceKey, ObservedResource> observed,
        IReadOnlyDictionary<ResourceKey, RecordedResource> recorded,
        IReadOnlyDictionary<string, string>? unobservedKinds = null)
    {
        var skipped = Unobserved.Skipped(desired, recorded, unobservedKinds ?? new Dictionary<string, string>());
        var changes = new List<ResourceChange>();
        foreach (var key in DependencyGraph.Build(desired).Order.Where(k => !skipped.ContainsKey(k)))
        {
            var resource = desired.Find(key)!;
            changes.Add(PlanDesired(desired.Stack, resource, observed.GetValueOrDefault(key), recorded.GetValueOrDefault(key)));
        }

        var desiredKeys = desired.Resources.Select(r => r.Key).ToHashSet();
        var gone = recorded.Keys
            .Concat(observed.Where(o => o.Value.Exists).Select(o => o.Key))
            .Where(k => !desiredKeys.Contains(k) && !skipped.ContainsKey(k))
            .Distinct()
            .OrderByDescending(k => KindOrder.Rank(k.Kind))
            .ThenBy(k => k);
        foreach (var key in gone)
        {
            changes.Add(PlanGone(desired.Stack, key, observed.GetValueOrDefault(key), recorded.GetValueOrDefault(key)));
        }

        return new Plan
        {
            Stack = desired.Stack,
            Changes = changes,
            Directory = desired.Directory,
            Skipped = [.. skipped.OrderBy(s => s.Key).Select(s => new SkippedResource { Key = s.Key, Reason = s.Value })],
        };
    }

    /// <summary>
    /// Whether what is live matches the desired resource in every managed field and tag: after a
    /// write, a driver may have left part of the work for later (a rule naming a group not yet
    /// created), and such a resource is not yet applied.
    /// </summary>
    public static bool Matches(StackSpec stack, DesiredResource resource, ObservedResource observed) =>
        PlanDesired(stack, resource, observed, recorded: null).Action == ChangeAction.NoOp;

    /// <summary>
    /// The managed fields and tags in which what is live differs from the desired resource, as the
    /// plan would list them (all of them, as for a create, when it does not exist).
    /// </summary>
    public static IReadOnlyList<FieldChange> Changes(StackSpec stack, DesiredResource resource, ObservedResource observed) =>
        PlanDesired(stack, resource, observed, recorded: null).Fields;

    /// <summary>
    /// Delete or orphan for a resource whose document is gone: the recorded policy if recorded,
    /// else the stack's; stateful kinds are orphaned unless the recorded policy is an explicit delete.
    /// </summary>
    public static ChangeAction GoneAction(StackSpec stack, ResourceKey key, RecordedResource? recorded)
    {
        var stateful = KindCatalog.Find(key.Kind)?.Stateful ?? false;
        if (stateful)
        {
            return recorded is { DeletionPolicy: DeletionPolicy.Delete, ExplicitDeletionPolicy: true } ? ChangeAction.Delete : ChangeAction.Orphan;
        }

        var policy = recorded?.DeletionPolicy ?? stack.Policies.Deletion;
        return policy == DeletionPolicy.Delete ? ChangeAction.Delete : ChangeAction.Orphan;
    }

    private static ResourceChange PlanDesired(StackSpec stack, DesiredResource resource, ObservedResource? observed, RecordedResource? recorded)
    {
        var tags = ResourceTags.Effective(stack, resource);
        var appliedUnchanged = recorded?.AppliedHash is { } applied && applied == resource.Hash;
        if (observed is not { Exists: true })
        {
            return new ResourceChange
            {
                Key = resource.Key,
                Action = ChangeAction.Create,
                Desired = resource,
                Observed = observed,
                After = resource.SpecJson,
                Fields = [.. resource.SpecJson.Select(p => new FieldChange { Path = p.Key, After = p.Value?.DeepClone() }), new FieldChange { Path = TagsPath, After = ToJson(tags) }],

                // Applied and unchanged, yet gone: someone deleted it behind the controller's back.
                IsDrift = appliedUnchanged,
            };
        }

        var ignore = resource.Metadata.IgnoreFields;
        var kind = KindCatalog.Find(resource.Key.Kind);
        if (observed.Live is { } typed && typed.GetType() != kind?.SpecType)
        {
            throw new InvalidOperationException($"{resource.Key}: live state was reported as {typed.GetType().Name}, not as the kind's spec record {kind?.SpecType.Name}.");
        }

        var live = observed.LiveJson;
        var fields = SpecDiff.Compare(kind, resource.SpecJson, live, ignore);
        var specChanged = fields.Count > 0;
        if (TagChange(tags, observed.Tags, ignore, recorded?.AppliedTags) is { } tagChange)
        {
            fields.Add(tagChange);
        }

        var action = fields.Count == 0 ? ChangeAction.NoOp
            : fields.Any(f => f.ForcesReplacement) ? ChangeAction.Replace
            : ChangeAction.Update;
        return new ResourceChange
        {
            Key = resource.Key,
            Action = action,
            Desired = resource,
            Observed = observed,
            Before = live,
            After = resource.SpecJson,
            Fields = fields,
            TagsOnly = fields.Count > 0 && !specChanged,
            IsDrift = fields.Count > 0 && appliedUnchanged,
        };
    }

    /// <summary>
    /// The desired tag keys are managed, and so are keys the controller applied last time
    /// (<paramref name="applied"/>) that the document no longer has: those are removed while still
    /// live. Other live tags are someone else's, not drift; the controller's own are never removed.
    /// </summary>
    private static FieldChange? TagChange(IReadOnlyDictionary<string, string> desired, IReadOnlyDictionary<string, string> live, IReadOnlyList<string> ignore, IReadOnlyDictionary<string, string>? applied)
    {
        var differing = desired
            .Where(t => !JsonMatch.IsIgnored($"{TagsPath}.{t.Key}", ignore))
            .Where(t => !live.TryGetValue(t.Key, out var value) || value != t.Value)
            .ToList();
        var removed = (applied ?? new Dictionary<string, string>()).Keys
            .Where(k => !desired.ContainsKey(k) && live.ContainsKey(k) && !ResourceTags.IsReserved(k))
            .Where(k => !JsonMatch.IsIgnored($"{TagsPath}.{k}", ignore))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (differing.Count == 0 && removed.Count == 0)
        {
            return null;
        }

        var before = new JsonObject();
        foreach (var key in differing.Select(t => t.Key).Concat(removed).Order(StringComparer.Ordinal))
        {
            if (live.TryGetValue(key, out var value))
            {
                before[key] = value;
            }
        }

        return new FieldChange { Path = TagsPath, Before = before, After = ToJson(differing) };
    }

    /// <summary>
    /// The tag keys a planned change removes: those of a tag change's before that its after lacks
    /// (a key whose value changes is in both).
    /// </summary>
    public static IReadOnlyList<string> RemovedTags(IReadOnlyList<FieldChange> fields) =>
        fields.FirstOrDefault(f => f.Path == TagsPath) is { Before: JsonObject before } change
            ? [.. before.Select(t => t.Key).Where(k => change.After is not JsonObject after || !after.ContainsKey(k))]
            : [];

    private static ResourceChange PlanGone(StackSpec stack, ResourceKey key, ObservedResource? observed, RecordedResource? recorded) => new()
    {
        Key = key,
        Action = GoneAction(stack, key, recorded),
        Observed = observed,
        Before = observed?.LiveJson,
    };

    private static JsonObject ToJson(IEnumerable<KeyValuePair<string, string>> tags) =>
        new(tags.Select(t => KeyValuePair.Create(t.Key, (JsonNode?)JsonValue.Create(t.Value))));
}
