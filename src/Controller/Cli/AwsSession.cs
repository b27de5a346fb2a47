using Amazon.Runtime;
using Microsoft.Extensions.Logging;
using Reconciler.Controller.Aws;
using Reconciler.Controller.Drivers;
using Reconciler.Controller.Reconcile;
using Reconciler.Controller.Sandbox;
using Reconciler.Controller.State;
using Reconciler.Model.Stacks;

namespace Reconciler.Controller.Cli;

/// <summary>
/// The AWS side of one command: where it talks to (real AWS from the standard settings, a
/// sandbox started for this command with <c>--sandbox</c>, or one left running by
/// <c>sandbox up</c>), the clients, the state store and the reconciler built on them.
/// </summary>
internal sealed class AwsSession : IAsyncDisposable
{
    private readonly MotoServer? _ownSandbox;

    private AwsSession(AwsClientFactory factory, MotoServer? ownSandbox, ExecutorOptions executorOptions, ILogger logger)
    {
        Factory = factory;
        _ownSandbox = ownSandbox;
        Clients = AwsClients.From(factory);
        State = new StateStore(Clients.DynamoDb, StateTableOptions.FromEnvironment(), TimeProvider.System);
        Reconciler = new StackReconciler(DriverCatalog.Default, Clients, State, executorOptions, TimeProvider.System, logger);
    }

    public AwsClientFactory Factory { get; }

    public AwsClients Clients { get; }

    public StateStore State { get; }

    public StackReconciler Reconciler { get; }

    /// <summary>Opens a session for a stack, starting a sandbox first when asked.</summary>
    public static async Task<AwsSession> OpenAsync(StackSpec stack, bool sandbox, ExecutorOptions executorOptions, CliEnvironment cli, ILogger logger, CancellationToken cancellationToken)
    {
        var errors = cli.Errors;
        MotoServer? started = null;
        AwsEnvironment environment;
        if (sandbox)
        {
            started = await MotoServer.StartAsync(new MotoServerOptions { AccountId = stack.AccountId }, cancellationToken);
            errors.WriteLine($"Sandbox: moto_server at {started.Endpoint} (account {stack.AccountId}), stopped when this command ends.");
            environment = SandboxEnvironment(started.Endpoint, stack.Region);
        }
        else
        {
            environment = AwsTarget.Resolve(cli, stack.Region, errors);
        }

        return new AwsSession(new AwsClientFactory(environment, cli.RequestLog, null, null, faults: cli.Faults), started, executorOptions, logger);
    }

    public async ValueTask DisposeAsync()
    {
        Factory.Dispose();
        if (_ownSandbox is not null)
        {
            await _ownSandbox.DisposeAsync();
        }
    }

    // An emulator accepts any credentials; fixed ones keep the real chain (and real keys) out of it.
    private static AwsEnvironment SandboxEnvironment(Uri endpoint, string region) =>
        AwsEnvironment.ForEndpoint(endpoint, region, new BasicAWSCredentials("sandbox", "sandbox"));
}
