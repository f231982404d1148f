import Testing
@testable import Understanding

@Suite struct LinearModelTests {
    /// Six tiny documents in three labels; features are arbitrary hashes.
    let documents: [[UInt64]] = [[1, 2, 3], [1, 2, 4], [5, 6, 3], [5, 7, 4], [8, 9, 3], [8, 9, 10]]
    let labelIndices = [0, 0, 1, 1, 2, 2]
    let labels = ["a", "b", "c"]

    @Test func theAverageIsOneLinearModelMixingTheNBSVMAndThePlainSVM() {
        let nbsvm = LinearModel.train(documents: documents, labelIndices: labelIndices, labels: labels, cost: 1, plainShare: 0)
        let plain = LinearModel.train(documents: documents, labelIndices: labelIndices, labels: labels, cost: 1, plainShare: 1)
        let mixed = LinearModel.train(documents: documents, labelIndices: labelIndices, labels: labels, cost: 1, plainShare: 0.3)
        for document in documents + [[1, 5, 8], [2, 99]] {
            let expected = zip(nbsvm.scores(document), plain.scores(document)).map { 0.7 * $0 + 0.3 * $1 }
            for (score, wanted) in zip(mixed.scores(document), expected) {
                #expect(abs(score - wanted) < 1e-4, "\(document): \(mixed.scores(document)) vs \(expected)")
            }
        }
    }

    @Test func theLogisticRegressionIsAddedInProportionToItsShare() {
        let svms = LinearModel.train(documents: documents, labelIndices: labelIndices, labels: labels, cost: 1,
                                     softmaxShare: 0)
        let some = LinearModel.train(documents: documents, labelIndices: labelIndices, labels: labels, cost: 1,
                                     softmaxShare: 0.1)
        let more = LinearModel.train(documents: documents, labelIndices: labelIndices, labels: labels, cost: 1,
                                     softmaxShare: 0.2)
        var largest: Float = 0
        for document in documents + [[1, 5, 8], [2, 99]] {
            let base = svms.scores(document)
            for (label, score) in base.enumerated() {
                let added = some.scores(document)[label] - score
                let twice = more.scores(document)[label] - score
                largest = max(largest, abs(added))
                #expect(abs(twice - 2 * added) < 1e-4, "\(document), label \(label): \(added) then \(twice)")
            }
        }
        // The regression does contribute something.
        #expect(largest > 1e-3)
    }

    @Test func theLogisticRegressionSeparatesTheTrainingDocumentsWhenItDominates() {
        let model = LinearModel.train(documents: documents, labelIndices: labelIndices, labels: labels, cost: 1,
                                      plainShare: 0, softmaxShare: 1000)
        for (document, label) in zip(documents, labelIndices) {
            let scores = model.scores(document)
            #expect(scores.firstIndex(of: scores.max()!) == label, "\(document) → \(scores)")
        }
    }

    @Test func eachModelSeparatesItsTrainingDocuments() {
        for share: Float in [0, 0.3, 1] {
            let model = LinearModel.train(documents: documents, labelIndices: labelIndices, labels: labels, cost: 1,
                                          plainShare: share)
            for (document, label) in zip(documents, labelIndices) {
                let scores = model.scores(document)
                #expect(scores.firstIndex(of: scores.max()!) == label, "share \(share): \(document) → \(scores)")
            }
        }
    }
}
