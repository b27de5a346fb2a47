namespace Reconciler.Integration.Tests.Daemon;

/// <summary>
/// A small stack written by a test (a Stack document and log groups), quick to apply, so daemon
/// tests spend their time on the behaviour under test rather than on creating a whole VPC.
/// </summary>
internal static class SmallStack
{
    public static void Write(string directory, string stack, string drift = "alert", int retentionDays = 14, string logGroupDrift = "")
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "stack.yaml"), $"""
            kind: Stack
            metadata:
              name: {stack}
            spec:
              region: us-east-1
              accountId: "123456789012"
              tags:
                environment: test
              policies:
                drift: {drift}
                deletion: delete
                maxDeletePercent: 50
              variables:
                retention: {retentionDays}

            """);
        File.WriteAllText(Path.Combine(directory, "logs.yaml"), $"""
            kind: LogGroup
            metadata:
              name: inference
            {(logGroupDrift.Length > 0 ? $"  drift: {logGroupDrift}\n" : "")}spec:
              retentionDays: ${"{"}var.retention{"}"}
            ---
            kind: LogGroup
            metadata:
              name: controller
            spec:
              retentionDays: 14

            """);
    }
}
