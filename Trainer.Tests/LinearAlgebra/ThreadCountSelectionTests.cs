using NeuralNet.LinearAlgebra;

namespace NeuralNet.Tests.LinearAlgebra;

public class ThreadCountSelectionTests
{
    [Test]
    public void NoUserVariableGetsTheMeasuredCount() =>
        Assert.That(ThreadCountSelection.ThreadsToSet(Variables()), Is.EqualTo(ThreadCountSelection.FastestForSmallProducts));

    [TestCase("OPENBLAS_NUM_THREADS")]
    [TestCase("GOTO_NUM_THREADS")]
    [TestCase("OMP_NUM_THREADS")]
    public void UsersThreadCountIsLeftToOpenBlas(string name)
    {
        var variables = Variables((name, "2"));
        Assert.Multiple(() =>
        {
            Assert.That(ThreadCountSelection.ThreadsToSet(variables), Is.Null);
            Assert.That(ThreadCountSelection.UserVariable(variables), Is.EqualTo(name));
        });
    }

    [Test]
    public void OpenBlasOwnVariableIsNamedFirst() =>
        Assert.That(
            ThreadCountSelection.UserVariable(Variables(("OMP_NUM_THREADS", "1"), ("OPENBLAS_NUM_THREADS", "2"))),
            Is.EqualTo("OPENBLAS_NUM_THREADS"));

    [TestCase("0")]
    [TestCase("-1")]
    [TestCase("many")]
    [TestCase("")]
    public void ValueOpenBlasWouldIgnoreIsIgnored(string value) =>
        Assert.That(ThreadCountSelection.ThreadsToSet(Variables(("OPENBLAS_NUM_THREADS", value))), Is.EqualTo(ThreadCountSelection.FastestForSmallProducts));

    private static Func<string, string?> Variables(params (string Name, string Value)[] set) =>
        name => set.FirstOrDefault(v => v.Name == name).Value;
}
