import Segmentation

/// Finds many fixed phrases in one pass over a text: a trie over Unicode scalars.
///
/// Used for emergency signals, routing keywords, certificate aliases and yes/no phrases, so
/// that a hundred phrases cost one walk over the utterance instead of a hundred searches.
struct PhraseMatcher<Payload: Sendable>: Sendable {
    /// A phrase found in a text.
    struct Match {
        /// Scalar offsets in the searched text.
        let start: Int
        let end: Int
        let payload: Payload
    }

    /// Edges, keyed by node and scalar.
    private var children = HashTable()
    private var payloads: [[Payload]] = [[]]

    /// Adds `phrase` (already normalized) with `payload`.
    mutating func insert(_ phrase: String, _ payload: Payload) {
        guard !phrase.isEmpty else { return }
        var node: Int32 = 0
        for scalar in phrase.unicodeScalars {
            let key = HashTable.edge(from: node, along: scalar.value)
            if let next = children[key] {
                node = next
            } else {
                let next = Int32(payloads.count)
                payloads.append([])
                children.set(key, next)
                node = next
            }
        }
        payloads[Int(node)].append(payload)
    }

    /// Every occurrence of every phrase in `scalars`, in order of start, shorter first.
    func matches(in scalars: [Unicode.Scalar]) -> [Match] {
        var found: [Match] = []
        for start in scalars.indices {
            var node: Int32 = 0
            var index = start
            while index < scalars.count,
                  let next = children[HashTable.edge(from: node, along: scalars[index].value)] {
                node = next
                index += 1
                for payload in payloads[Int(node)] { found.append(Match(start: start, end: index, payload: payload)) }
            }
        }
        return found
    }
}
