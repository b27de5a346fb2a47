using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;
using Reconciler.Controller.Aws;

namespace Reconciler.Controller.Tests.Permissions;

/// <summary>
/// Finds the AWS operations code can call by reading the compiled IL, not the source: from the
/// start methods it follows every call, delegate (<c>ldftn</c>) and field into the project's own
/// assemblies (the controller and src/Aws, whose paginators call the clients), into the
/// compiler's state machines, closures and lambdas (a type the code touches brings its methods
/// and static constructor), and resolves virtual and interface calls to the overrides of the
/// start type and of every project type the reached code touches (a driver's tag adapter is
/// touched where its <c>Tags</c> property names it). A call on a client interface, generated
/// (<c>IIamClient.CreateRoleAsync</c>) or official SDK (<c>IAmazonEC2.CreateVpcAsync</c>, or a
/// paginator of it) is an operation.
/// <para>
/// The answer over-approximates (it cannot tell which branch runs, nor which of a type's
/// delegates a field holds) and never misses a call made through the project's code, which is
/// what a policy must cover.
/// </para>
/// </summary>
internal sealed class AwsCallScanner
{
    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    private static readonly Assembly[] ProjectAssemblies = [typeof(AwsSdkOperations).Assembly, typeof(AwsOperation).Assembly];

    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private readonly HashSet<MethodBase> _reached = [];
    private readonly Queue<MethodBase> _pending = new();
    private readonly HashSet<Type> _touched = [];
    private readonly List<MethodInfo> _virtualCalls = [];
    private readonly HashSet<AwsOperation> _operations = [];
    private readonly HashSet<string> _unknown = [];

    /// <summary>The operations reachable from every method of <paramref name="start"/> (and its base types) and of its nested types.</summary>
    public static Reach FromType(Type start)
    {
        var scanner = new AwsCallScanner();
        scanner.Touch(start);
        for (var t = start; t is not null && IsProject(t); t = t.BaseType)
        {
            scanner.Touch(t);
            foreach (var m in t.GetMethods(Declared).Cast<MethodBase>().Concat(t.GetConstructors(Declared)))
            {
                scanner.Enqueue(m);
            }
        }

        scanner.Run();
        return new Reach(scanner._operations, scanner._unknown);
    }

    /// <summary>The operations reachable from the given methods.</summary>
    public static Reach FromMethods(IEnumerable<MethodBase> starts)
    {
        var scanner = new AwsCallScanner();
        foreach (var m in starts)
        {
            scanner.Touch(m.DeclaringType!);
            scanner.Enqueue(m);
        }

        scanner.Run();
        return new Reach(scanner._operations, scanner._unknown);
    }

    /// <summary>What a scan found: the operations, and client calls it could not name (a test failure of their own).</summary>
    public sealed record Reach(IReadOnlySet<AwsOperation> Operations, IReadOnlySet<string> Unknown);

    private void Run()
    {
        while (true)
        {
            while (_pending.TryDequeue(out var method))
            {
                Scan(method);
            }

            // Virtual and interface calls resolve against every type touched so far; touching
            // more types may add implementations, so repeat until nothing new is reached.
            var before = _reached.Count;
            foreach (var call in _virtualCalls.ToList())
            {
                ResolveVirtual(call);
            }

            if (_pending.Count == 0 && _reached.Count == before)
            {
                return;
            }
        }
    }

    private static bool IsProject(Type type) => ProjectAssemblies.Contains(type.Assembly);

    private void Enqueue(MethodBase method)
    {
        if (IsProject(method.DeclaringType!) && _reached.Add(method))
        {
            _pending.Enqueue(method);
        }
    }

    private void Touch(Type? type)
    {
        while (type is not null && (type.IsArray || type.IsByRef || type.IsPointer))
        {
            type = type.GetElementType();
        }

        if (type is null || !IsProject(type) || !_touched.Add(type))
        {
            return;
        }

        if (type.IsGenericType)
        {
            foreach (var argument in type.GetGenericArguments())
            {
                Touch(argument);
            }
        }

        if (type.TypeInitializer is { } initializer)
        {
            Enqueue(initializer);
        }

        // The compiler's own types (state machines, closures, the lambda cache) are reached
        // through their fields and constructors, and run all their code.
        if (type.IsDefined(typeof(CompilerGeneratedAttribute)) || type.Name.Contains('<'))
        {
            foreach (var m in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
            {
                Enqueue(m);
            }
        }

        Touch(type.DeclaringType);
    }

    private void Scan(MethodBase method)
    {
        if (method.GetMethodBody()?.GetILAsByteArray() is not { } il)
        {
            return;
        }

        var typeArguments = method.DeclaringType is { IsGenericType: true } declaring ? declaring.GetGenericArguments() : null;
        var methodArguments = method is MethodInfo { IsGenericMethod: true } ? method.GetGenericArguments() : null;
        var module = method.Module;
        for (var at = 0; at < il.Length;)
        {
            var code = il[at] == 0xFE ? OpCodesByValue[unchecked((short)(0xFE00 | il[at + 1]))] : OpCodesByValue[il[at]];
            at += code.Size;
            switch (code.OperandType)
            {
                case OperandType.InlineMethod:
                    var target = module.ResolveMethod(BitConverter.ToInt32(il, at), typeArguments, methodArguments)!;
                    Called(target, virtually: code == OpCodes.Callvirt || code == OpCodes.Ldvirtftn);
                    break;
                case OperandType.InlineField:
                    Touch(module.ResolveField(BitConverter.ToInt32(il, at), typeArguments, methodArguments)!.DeclaringType);
                    break;
                case OperandType.InlineType:
                    Touch(module.ResolveType(BitConverter.ToInt32(il, at), typeArguments, methodArguments));
                    break;
                case OperandType.InlineTok:
                    var member = module.ResolveMember(BitConverter.ToInt32(il, at), typeArguments, methodArguments)!;
                    Touch(member as Type ?? member.DeclaringType);
                    break;
            }

            at += OperandSize(code.OperandType, il, at);
        }
    }

    private void Called(MethodBase target, bool virtually)
    {
        if (target is MethodInfo { IsGenericMethod: true } generic)
        {
            foreach (var argument in generic.GetGenericArguments())
            {
                Touch(argument);
            }
        }

        if (ClientOperation(target) is { } found)
        {
            if (found.Operation is { } operation)
            {
                _operations.Add(operation);
            }
            else if (found.Unknown is { } unknown)
            {
                _unknown.Add(unknown);
            }

            return;
        }

        var declaring = target.DeclaringType!;
        if (!IsProject(declaring))
        {
            return;
        }

        Touch(declaring);
        if (target is MethodInfo info && (info.IsAbstract || (virtually && info.IsVirtual)))
        {
            _virtualCalls.Add(info);
            ResolveVirtual(info);
        }

        if (!target.IsAbstract)
        {
            Enqueue(target);
        }
    }

    private void ResolveVirtual(MethodInfo call)
    {
        var declaring = call.DeclaringType!;
        foreach (var type in _touched.ToList())
        {
            if (type.IsInterface || type.ContainsGenericParameters || !declaring.IsAssignableFrom(type) || type == declaring)
            {
                continue;
            }

            if (declaring.IsInterface)
            {
                var map = type.GetInterfaceMap(declaring);
                var index = Array.FindIndex(map.InterfaceMethods, m => SameMethod(m, call));
                if (index >= 0)
                {
                    Enqueue(map.TargetMethods[index]);
                }

                continue;
            }

            var baseDefinition = call.GetBaseDefinition();
            for (var t = type; t is not null && t != declaring; t = t.BaseType)
            {
                var overriding = t.GetMethods(Declared).FirstOrDefault(m => m.IsVirtual && SameMethod(m.GetBaseDefinition(), baseDefinition));
                if (overriding is not null)
                {
                    Enqueue(overriding);
                    break;
                }
            }
        }
    }

    private static bool SameMethod(MethodInfo a, MethodInfo b) =>
        a.Module == b.Module && a.MetadataToken == b.MetadataToken &&
        (a.DeclaringType!.IsGenericType ? a.DeclaringType.GetGenericTypeDefinition() : a.DeclaringType) ==
        (b.DeclaringType!.IsGenericType ? b.DeclaringType.GetGenericTypeDefinition() : b.DeclaringType);

    private sealed record Found(AwsOperation? Operation, string? Unknown);

    // A call on a client interface: the operation it sends, or, for a member that sends none
    // (Config, Paginators, Dispose), a found without operation.
    private static Found? ClientOperation(MethodBase target)
    {
        var type = target.DeclaringType!;
        if (!type.IsInterface)
        {
            return null;
        }

        var name = target.Name.EndsWith("Async", StringComparison.Ordinal) ? target.Name[..^"Async".Length] : target.Name;
        if (type.Namespace?.StartsWith("Reconciler.Aws.Clients.", StringComparison.Ordinal) == true && type.Name.EndsWith("Client", StringComparison.Ordinal))
        {
            var service = type.Namespace["Reconciler.Aws.Clients.".Length..];
            var operations = type.Assembly.GetType($"{type.Namespace}.{service}Operations", throwOnError: true)!;
            return operations.GetField(name, BindingFlags.Public | BindingFlags.Static)?.GetValue(null) is AwsOperation own
                ? new Found(own, null)
                : new Found(null, $"{type.Name}.{target.Name}");
        }

        if (type.Namespace?.StartsWith("Amazon.", StringComparison.Ordinal) != true || !(type.Name.StartsWith("IAmazon", StringComparison.Ordinal) || type.Name.EndsWith("PaginatorFactory", StringComparison.Ordinal)))
        {
            return null;
        }

        var request = target.GetParameters().Select(p => p.ParameterType).FirstOrDefault(p => p.Name.EndsWith("Request", StringComparison.Ordinal))
            ?? type.Assembly.GetType($"{type.Namespace}.Model.{name}Request");
        if (request is null || !typeof(Amazon.Runtime.AmazonWebServiceRequest).IsAssignableFrom(request))
        {
            // Members that send nothing: Config, Paginators, Dispose, endpoint helpers.
            return target.Name.EndsWith("Async", StringComparison.Ordinal) ? new Found(null, $"{type.Name}.{target.Name}") : new Found(null, null);
        }

        return AwsSdkOperations.ByRequestType.TryGetValue(request, out var sdk)
            ? new Found(sdk, null)
            : new Found(null, $"{type.Name}.{target.Name} ({request.Name} is not in AwsSdkOperations)");
    }

    private static int OperandSize(OperandType type, byte[] il, int at) => type switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, at)),
        _ => 4,
    };
}
