namespace Reconciler.Integration.Tests.Leases;

/// <summary>What <see cref="FaultyNetwork"/> does to a request.</summary>
internal enum NetworkFault
{
    /// <summary>Sends it to the emulator.</summary>
    None,

    /// <summary>Fails it at once, as a dead endpoint or a killed process would.</summary>
    Refuse,

    /// <summary>Never answers until the caller gives up, as a network partition would.</summary>
    Hang,

    /// <summary>Answers DynamoDB's ThrottlingException.</summary>
    Throttle,
}
