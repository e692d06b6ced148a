using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;
using Sweep.Cli;
using Sweep.Cli.Figures;
using Xunit;

namespace Sweep.Golden.Tests.Figures;

/// <summary>
/// The figures are pure drawing: Domain values in, pictures and HTML out, with no tensors, no
/// training code and no files (the caller writes). Checked on what sweep.dll really does — every
/// type, field and method signature of Sweep.Cli.Figures and every member its method bodies call —
/// and on the source text.
/// </summary>
public class FiguresArchitectureTests
{
    private const string Forbidden = "Sweep.Training";

    private static readonly Dictionary<short, OperandType> Operands = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(field => (OpCode)field.GetValue(null)!).ToDictionary(code => code.Value, code => code.OperandType);

    private static string FiguresFolder([CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "..", "src", "Cli", "Figures"));

    [Fact]
    public void The_figures_reference_nothing_in_training()
    {
        var figures = typeof(Figure).Assembly.GetTypes().Where(type => type.Namespace == typeof(Figure).Namespace).ToArray();
        Assert.Contains(typeof(Report), figures);
        Assert.Empty(figures.SelectMany(References).Where(IsForbidden).Select(type => type.FullName).Distinct());
    }

    [Fact]
    public void The_check_sees_training_where_it_is_used()
    {
        // Plots writes the figures' bytes through the atomic writer of Training: the check must see that.
        Assert.Contains(References(typeof(Plots)), IsForbidden);
    }

    [Fact]
    public void The_figures_source_names_nothing_in_training()
    {
        var hits = Directory.EnumerateFiles(FiguresFolder(), "*.cs", SearchOption.AllDirectories)
            .SelectMany(path => File.ReadLines(path).Select((line, index) => (path, line, index)))
            .Where(hit => hit.line.Contains(Forbidden, StringComparison.Ordinal) || hit.line.Contains("AtomicFile", StringComparison.Ordinal)
                || hit.line.Contains("File.Write", StringComparison.Ordinal))
            .Select(hit => $"{Path.GetFileName(hit.path)}:{hit.index + 1}: {hit.line.Trim()}");
        Assert.Empty(hits);
    }

    private static bool IsForbidden(Type type) =>
        type.Assembly.GetName().Name == Forbidden || (type.IsGenericType && type.GetGenericArguments().Any(IsForbidden))
        || (type.HasElementType && IsForbidden(type.GetElementType()!));

    // Every type a type's shape names (base, interfaces, fields, signatures) and its method bodies reach.
    private static IEnumerable<Type> References(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        IEnumerable<Type> shape = new[] { type.BaseType }.Concat(type.GetInterfaces()).OfType<Type>()
            .Concat(type.GetFields(all).Select(field => field.FieldType))
            .Concat(type.GetProperties(all).Select(property => property.PropertyType));
        var methods = type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)).ToArray();
        return shape.Concat(methods.SelectMany(method => method.GetParameters().Select(parameter => parameter.ParameterType)
                .Concat(method is MethodInfo info ? [info.ReturnType] : [])
                .Concat(Called(method))))
            .Concat(type.GetNestedTypes(all).SelectMany(References));
    }

    // The declaring types (and signatures) of the members and types that a method's IL names by token.
    private static IEnumerable<Type> Called(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray() ?? [];
        for (var at = 0; at < il.Length;)
        {
            var code = il[at] == 0xFE ? (short)(0xFE00 | il[at + 1]) : (short)il[at];
            at += il[at] == 0xFE ? 2 : 1;
            var operand = Operands[code];
            if (operand is OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok)
                foreach (var type in Resolved(method, BitConverter.ToInt32(il, at))) yield return type;
            at += operand switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, at),
                _ => 4,
            };
        }
    }

    private static IEnumerable<Type> Resolved(MethodBase method, int token)
    {
        var typeArguments = method.DeclaringType?.IsGenericType == true ? method.DeclaringType.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var member = method.Module.ResolveMember(token, typeArguments, methodArguments);
        return member switch
        {
            Type type => [type],
            FieldInfo field => [field.DeclaringType!, field.FieldType],
            MethodInfo called => new[] { called.DeclaringType!, called.ReturnType }.Concat(called.GetParameters().Select(parameter => parameter.ParameterType))
                .Concat(called.IsGenericMethod ? called.GetGenericArguments() : []),
            ConstructorInfo constructor => new[] { constructor.DeclaringType! }.Concat(constructor.GetParameters().Select(parameter => parameter.ParameterType)),
            _ => [],
        };
    }
}
