using System.Reflection;
using Reconciler.Controller.Drivers;
using Reconciler.Controller.Permissions;

namespace Reconciler.Controller.Tests.Permissions;

/// <summary>
/// What the IAM policy is made of is what the code calls: every driver's declared
/// <see cref="IResourceDriver.Operations"/>, every shared mechanic's, and the controller's own
/// (<see cref="ControllerOperations"/>) equal the client calls its compiled code can reach
/// (<see cref="AwsCallScanner"/>): every call covered, and nothing else.
/// </summary>
public sealed class DeclaredOperationsTests
{
    private const BindingFlags AnyMethod = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    public static TheoryData<string> Kinds() => [.. DriverCatalog.Default.Kinds];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Driver_DeclaresExactlyTheOperationsItsCodeCalls(string kind)
    {
        var driver = ((Reconciler.Controller.Drivers.Mechanics.ErrorNamingDriver)DriverCatalog.Default.Get(kind)).Inner;

        var reach = AwsCallScanner.FromType(driver.GetType());

        AssertSame(driver.GetType().Name, reach, driver.Operations);
    }

    public static TheoryData<string> Mechanics() =>
    [
        .. typeof(DriverCatalog).Assembly.GetTypes()
            .Where(t => t.GetProperty("Operations", BindingFlags.Public | BindingFlags.Static)?.PropertyType == typeof(IReadOnlyList<AwsOperation>)
                && t.Namespace == "Reconciler.Controller.Drivers.Mechanics")
            .Select(t => t.Name)
            .Order(StringComparer.Ordinal),
    ];

    [Theory]
    [MemberData(nameof(Mechanics))]
    public void SharedMechanic_DeclaresExactlyTheOperationsItsCodeCalls(string name)
    {
        var type = typeof(DriverCatalog).Assembly.GetTypes().Single(t => t.Namespace == "Reconciler.Controller.Drivers.Mechanics" && t.Name == name);
        var declared = (IReadOnlyList<AwsOperation>)type.GetProperty("Operations", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;

        AssertSame(name, AwsCallScanner.FromType(type), declared);
    }

    [Fact]
    public void Controller_OutsideTheDrivers_DeclaresExactlyTheOperationsItsCodeCalls()
    {
        var outside = typeof(DriverCatalog).Assembly.GetTypes()
            .Where(t => t.Namespace?.StartsWith("Reconciler.Controller.Drivers", StringComparison.Ordinal) != true)
            .SelectMany(t => t.GetMethods(AnyMethod).Cast<MethodBase>().Concat(t.GetConstructors(AnyMethod)))
            .Where(m => m.GetMethodBody() is not null);

        AssertSame("ControllerOperations (the controller apart from its drivers)", AwsCallScanner.FromMethods(outside), [.. ControllerOperations.StateTable, .. ControllerOperations.Other, .. ControllerOperations.Rollouts, .. ControllerOperations.SandboxOnly]);
    }

    [Fact]
    public void Scanner_FindsACallMadeInALambdaOfAnAsyncMethod_AndOnlyTheDriversOwn()
    {
        // The log group driver lists its groups inside a lambda handed to Pages.ReadAllAsync, in an async method.
        var reach = AwsCallScanner.FromType(typeof(Reconciler.Controller.Drivers.Logs.LogGroupDriver));

        Assert.Contains(Reconciler.Aws.Clients.CloudWatchLogs.CloudWatchLogsOperations.DescribeLogGroups, reach.Operations);
        Assert.DoesNotContain(Reconciler.Aws.Clients.Iam.IamOperations.CreateRole, reach.Operations);
    }

    private static void AssertSame(string who, AwsCallScanner.Reach reach, IReadOnlyList<AwsOperation> declared)
    {
        Assert.True(reach.Unknown.Count == 0, $"{who} calls client members that name no known operation: {string.Join(", ", reach.Unknown.Order())}");
        var missing = reach.Operations.Except(declared).Select(Named).Order(StringComparer.Ordinal).ToList();
        var extra = declared.Except(reach.Operations).Select(Named).Order(StringComparer.Ordinal).ToList();
        var duplicates = declared.GroupBy(o => o).Where(g => g.Count() > 1).Select(g => Named(g.Key)).ToList();
        Assert.True(
            missing.Count == 0 && extra.Count == 0 && duplicates.Count == 0,
            $"{who}'s Operations differ from what its code calls."
            + (missing.Count > 0 ? $"\n  add (called, not declared): {string.Join(", ", missing)}" : "")
            + (extra.Count > 0 ? $"\n  remove (declared, never called): {string.Join(", ", extra)}" : "")
            + (duplicates.Count > 0 ? $"\n  listed twice: {string.Join(", ", duplicates)}" : ""));
    }

    private static string Named(AwsOperation operation) => $"{operation.Service.ServiceId}:{operation.Name}";
}
