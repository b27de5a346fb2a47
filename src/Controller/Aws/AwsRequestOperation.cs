namespace Reconciler.Controller.Aws;

/// <summary>What the request handler knows of one outgoing request's operation.</summary>
/// <param name="Service">The service's signing name, e.g. "lambda".</param>
/// <param name="Name">The operation's name, as declared or as the wire carries it, e.g. "CreateFunction".</param>
/// <param name="Writes">Whether it changes AWS; null when nothing declares it (unknown, refused).</param>
internal readonly record struct AwsRequestOperation(string Service, string Name, bool? Writes);
