namespace Reconciler.Model.Tests.Support;

/// <summary>Small valid documents to build test folders from.</summary>
internal static class Documents
{
    public const string Stack = """
        kind: Stack
        metadata:
          name: test
        spec:
          region: us-east-1
          accountId: "123456789012"
          tags:
            team: platform
          variables:
            retention: 14
            vpcCidr: 10.0.0.0/16

        """;

    public const string Vpc = """
        kind: Vpc
        metadata:
          name: main
        spec:
          cidrBlock: 10.0.0.0/16

        """;
}
