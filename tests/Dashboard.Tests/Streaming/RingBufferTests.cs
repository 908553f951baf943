using Dashboard.Runtime.Streaming;

namespace Dashboard.Tests.Streaming;

public sealed class RingBufferTests
{
    [Fact]
    public void Add_BeyondCapacity_DropsOldestAndCounts()
    {
        var ring = new RingBuffer<int>(3);
        ring.AddRange([1, 2, 3, 4, 5]);

        Assert.Equal([3, 4, 5], ring);
        Assert.Equal([5, 4, 3], ring.NewestFirst());
        Assert.Equal(2, ring.Dropped);
        Assert.Equal(3, ring.Count);
    }

    [Fact]
    public void Clear_Always_ResetsItemsAndDropped()
    {
        var ring = new RingBuffer<int>(2);
        ring.AddRange([1, 2, 3]);
        ring.Clear();
        ring.Add(9);

        Assert.Equal([9], ring);
        Assert.Equal(0, ring.Dropped);
    }
}
