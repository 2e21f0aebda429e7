import Testing
@testable import EntraideKit

@Suite("Largest-remainder rounding")
struct LargestRemainderTests {
    @Test func naiveRoundingThatSumsTo99IsCorrected() {
        // 33.3 % each: rounded alone, 33 + 33 + 33 = 99.
        #expect(LargestRemainder.percentages([1, 1, 1]) == [34, 33, 33])
        // 2/12, 6/12, 1/12, 2/12, 1/12: 16.7, 50, 8.3, 16.7, 8.3 → rounded alone 17+50+8+17+8 = 100,
        // and 7 parts of 1/7 (14.29 %) → 14 × 7 = 98.
        #expect(LargestRemainder.percentages([2, 6, 1, 2, 1]) == [17, 50, 8, 17, 8])
        #expect(LargestRemainder.percentages(Array(repeating: 1, count: 7)) == [15, 15, 14, 14, 14, 14, 14])
    }

    @Test func naiveRoundingThatSumsTo101IsCorrected() {
        // 14.5 %, 14.5 %, 71 %: rounded half up alone, 15 + 15 + 71 = 101.
        #expect(LargestRemainder.percentages([29, 29, 142]) == [15, 14, 71])
        // 12.5 % × 4 and 50 %: 13 × 4 + 50 = 102 rounded alone.
        #expect(LargestRemainder.percentages([1, 1, 1, 1, 4]) == [13, 13, 12, 12, 50])
    }

    @Test func tiesGoToThePartListedFirst() {
        #expect(LargestRemainder.percentages([1, 1, 1, 1, 1, 1]) == [17, 17, 17, 17, 16, 16])
        #expect(LargestRemainder.percentages([1, 2, 1]) == [25, 50, 25])
        // The larger remainder wins before the order does: 1/3 and 2/3 of a unit left.
        #expect(LargestRemainder.apportion([1, 2], total: 1) == [0, 1])
    }

    @Test func allZerosOneItemAndEdges() {
        #expect(LargestRemainder.percentages([0, 0, 0]) == [0, 0, 0], "no whole to share: no 100 % invented")
        #expect(LargestRemainder.percentages([]) == [])
        #expect(LargestRemainder.percentages([7]) == [100])
        #expect(LargestRemainder.percentages([0, 5, 0]) == [0, 100, 0])
        #expect(LargestRemainder.percentages([-3, 1]) == [0, 100], "a negative count counts as 0")
        #expect(LargestRemainder.apportion([1, 1], total: 0) == [0, 0])
    }

    @Test func alwaysSumsTo100AndStaysWithinOneOfTheExactShare() {
        // A fixed pseudo-random walk over many small and large vectors.
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(bound))
        }
        for _ in 0..<500 {
            let counts = (0..<(1 + next(12))).map { _ in next(3) == 0 ? 0 : next(400) }
            let shares = LargestRemainder.percentages(counts)
            let sum = counts.reduce(0, +)
            guard sum > 0 else {
                #expect(shares.allSatisfy { $0 == 0 })
                continue
            }
            #expect(shares.reduce(0, +) == 100, "\(counts)")
            for (c, s) in zip(counts, shares) {
                let exact = Double(c) * 100 / Double(sum)
                #expect(Double(s) >= exact.rounded(.down) && Double(s) <= exact.rounded(.up), "\(counts)")
            }
        }
    }
}
