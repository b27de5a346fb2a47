namespace Reconciler.Model.Stacks;

/// <summary>What the controller does when live AWS differs from what it last applied.</summary>
public enum DriftPolicy
{
    /// <summary>Report the drift and change nothing.</summary>
    Alert,

    /// <summary>Report the drift and correct it.</summary>
    Heal,
}
