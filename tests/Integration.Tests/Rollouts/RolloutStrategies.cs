namespace Reconciler.Integration.Tests.Rollouts;

/// <summary>
/// The strategies the engine-level rollout tests run, the same for every runtime: the steps are
/// the runtime-independent half of an InferenceService, so the ALB and the Lambda tests of one
/// behaviour run the same steps.
/// </summary>
internal static class RolloutStrategies
{
    /// <summary>Green's error share, over 30 s, at most 5 %.</summary>
    public const string ErrorMetric = "green-errors";

    /// <summary>10 %, a 30 s pause, an analysis, 60 %, a 30 s pause, 100 %.</summary>
    public const string Steps = """
              - setWeight: 10
              - pause: {duration: 30s}
              - analysis:
                  metrics:
                    - name: green-errors
                      type: errorRate
                      threshold: 0.05
                      interval: 30s
              - setWeight: 60
              - pause: {duration: 30s}
              - setWeight: 100
        """;

    /// <summary>10 % and at once an analysis: the shortest way to a verdict on green.</summary>
    public const string AnalysisFirst = """
              - setWeight: 10
              - analysis:
                  metrics:
                    - name: green-errors
                      type: errorRate
                      threshold: 0.05
                      interval: 30s
        """;
}
