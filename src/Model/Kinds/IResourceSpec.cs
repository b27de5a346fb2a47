using Reconciler.Model.Pricing;

namespace Reconciler.Model.Kinds;

/// <summary>
/// The spec of one resource document, implemented by one sealed record per kind (marked with
/// <see cref="KindAttribute"/>). The record is the whole of a kind's model: its fields and their
/// attributes, the rules between fields that attributes cannot express, and its price. The same
/// record carries live state: drivers report what AWS holds as an instance of it.
/// </summary>
public interface IResourceSpec
{
    /// <summary>
    /// Reports what attributes cannot: fields that depend on each other, naming rules. Runs on
    /// every document of the kind, including partial ones (fields that failed to bind are at their
    /// defaults, required ones possibly null), so it must check <see cref="SpecRules.IsSet"/> or
    /// <see cref="SpecRules.HasValue"/> before trusting a field. Most kinds have no such rules.
    /// </summary>
    void Validate(SpecRules rules)
    {
    }

    /// <summary>
    /// Fields (dotted paths, list items entered without index) that this document leaves to
    /// someone else, decided by its own values: a forward action whose weights a rollout owns
    /// (<c>weights: rollout</c>). They join the document's <c>metadata.ignoreFields</c> at load
    /// time, so the planner has one mechanism for fields it never diffs: never drift, never
    /// written after create. Most kinds own all their fields.
    /// </summary>
    IEnumerable<string> FieldsOwnedElsewhere() => [];

    /// <summary>
    /// Fields of other documents that this one owns, by their key and dotted path: an
    /// InferenceService on a Lambda alias owns its function's model environment keys, which the
    /// rollout writes. They join that document's ignored fields at load time like its own
    /// <see cref="FieldsOwnedElsewhere"/>, so its driver never diffs them and keeps their live
    /// values when it writes the field around them. <paramref name="find"/> gives another
    /// document's spec by key (null when there is none).
    /// </summary>
    IEnumerable<(ResourceKey Document, string Field)> FieldsOwnedInOtherDocuments(Func<ResourceKey, IResourceSpec?> find) => [];

    /// <summary>
    /// The monthly cost of one resource with this spec (desired, or live for what a change
    /// removes), from the region's prices and the kind's usage assumptions in the price table.
    /// Kinds AWS does not charge for return <see cref="MonthlyCost.Free"/>.
    /// </summary>
    MonthlyCost Price(PriceTable prices);

    /// <summary>
    /// The monthly cost as the estimate asks for it, with the other documents in view. Kinds
    /// priced from their own fields need nothing more than <see cref="Price(PriceTable)"/>, which
    /// this calls; a kind whose cost depends on a document it references (an Auto Scaling group
    /// and its launch template's instance type) overrides it and looks that document up with
    /// <see cref="PricingContext.Find{TSpec}"/>.
    /// </summary>
    MonthlyCost Price(PricingContext context) => Price(context.Prices);
}
