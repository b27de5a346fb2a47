using Reconciler.Model.Kinds;

namespace Reconciler.Model.Specs;

/// <summary>
/// Where an inference service runs and how its traffic is split: exactly one of the runtimes.
/// A union, so the Lambda alias (two function versions behind weighted routing) joins as a
/// second member beside <c>alb</c>.
/// </summary>
public sealed record InferenceRuntimeSpec
{
    /// <summary>An Application Load Balancer listener forwarding to a blue and a green target group by weight.</summary>
    public AlbRuntimeSpec? Alb { get; init; }

    /// <summary>Exactly one runtime.</summary>
    public void Validate(SpecRules rules, string path)
    {
        if (Alb is null)
        {
            rules.Error(path, $"{path} in InferenceService spec sets no runtime; set alb (listener, blue, green)");
            return;
        }

        Alb.Validate(rules, $"{path}.alb");
    }
}
