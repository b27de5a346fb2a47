using Reconciler.Model.Kinds;

namespace Reconciler.Model.Specs;

/// <summary>
/// Where an inference service runs and how its traffic is split: exactly one of the runtimes.
/// A union: an ALB listener over two target groups, or a Lambda alias over two function versions.
/// </summary>
public sealed record InferenceRuntimeSpec
{
    /// <summary>An Application Load Balancer listener forwarding to a blue and a green target group by weight.</summary>
    public AlbRuntimeSpec? Alb { get; init; }

    /// <summary>A Lambda alias routing between the version serving blue and a version the rollout publishes for green.</summary>
    public LambdaRuntimeSpec? Lambda { get; init; }

    /// <summary>Exactly one runtime.</summary>
    public void Validate(SpecRules rules, string path)
    {
        switch (Alb, Lambda)
        {
            case (null, null):
                rules.Error(path, $"{path} in InferenceService spec sets no runtime; set alb (listener, blue, green) or lambda (alias)");
                break;
            case (not null, not null):
                rules.Error($"{path}.lambda", $"{path} in InferenceService spec sets both alb and lambda; a service runs on exactly one runtime, remove one");
                break;
            default:
                Alb?.Validate(rules, $"{path}.alb");
                Lambda?.Validate(rules, $"{path}.lambda");
                break;
        }
    }
}
