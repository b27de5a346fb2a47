using System.Text.Json.Serialization;

namespace Reconciler.Controller.Rollouts;

/// <summary>
/// Where a rollout stands. Written by name wherever it is serialized (the daemon's /status as
/// much as the state table), so a reader sees "Paused", never 1.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<RolloutPhase>))]
public enum RolloutPhase
{
    /// <summary>Moving weights or measuring green.</summary>
    Progressing,

    /// <summary>In a pause step: until its deadline, or until promoted.</summary>
    Paused,

    /// <summary>Finished: green took all traffic and became blue (or nothing was left to roll out).</summary>
    Succeeded,

    /// <summary>Stopped: all traffic back on blue, green kept for inspection until a retry or a new version.</summary>
    Aborted,
}
