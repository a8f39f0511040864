import GRDB
import StoreCore
import StoreFunctions
import StoreTestSupport
import XCTest

/// The tensor format (schema/TENSOR_FORMAT.md) and the tensor SQL functions
/// (Tensors.swift, whose rules (1)–(5) the comments cite).
final class TensorTests: FunctionTestCase {
    // MARK: - The format

    /// The bytes as schema/TENSOR_FORMAT.md lays them out, written by hand.
    func testBlobLayoutIsTheDocumentedOne() throws {
        XCTAssertEqual(try text("SELECT hex(tensor('[1,2]', 'uint8'))"),
                       "544E5352" + "01" + "01" + "01" + "00" + "0200000000000000" + "0102")
        XCTAssertEqual(try text("SELECT hex(tensor('[[0.5],[-2]]', 'float32'))"),
                       "544E5352" + "01" + "02" + "02" + "00" + "0200000000000000" + "0100000000000000" + "0000003F" + "000000C0")
        XCTAssertEqual(try text("SELECT hex(tensor('1.5'))"), "544E5352" + "01" + "03" + "00" + "00" + "000000000000F83F")
        let swiftMade = try Tensor(shape: [2], uint8: [1, 2])
        XCTAssertEqual(try value("SELECT tensor('[1,2]', 'uint8') = ?", [Data(swiftMade.blob)]), 1.databaseValue)
    }

    func testSwiftTensorsRoundTripThroughATable() throws {
        let image = try Tensor(shape: [2, 2, 3], uint8: (0..<12).map { UInt8($0 * 20) })
        let mfcc = try Tensor(shape: [3, 2], float32: [-1.5, 0.25, 3e-8, 7, 1e30, -0.0])
        let doubles = try Tensor(shape: [], float64: [.pi])
        try store.queue.write { db in
            try db.execute(sql: "CREATE TABLE t (name TEXT, value BLOB)")
            for (name, tensor) in [("image", image), ("mfcc", mfcc), ("pi", doubles)] {
                try db.execute(sql: "INSERT INTO t VALUES (?, ?)", arguments: [name, Data(tensor.blob)])
            }
        }
        let rows = try store.queue.read { db in
            try Row.fetchAll(db, sql: "SELECT name, tensor_shape(value) AS shape, tensor_dtype(value) AS dtype, value FROM t ORDER BY name")
        }
        XCTAssertEqual(rows.map { $0["shape"] as String }, ["[2,2,3]", "[3,2]", "[]"])
        XCTAssertEqual(rows.map { $0["dtype"] as String }, ["uint8", "float32", "float64"])
        let decoded = try rows.map { row in
            let data: Data = row["value"]
            return try data.withUnsafeBytes { try Tensor(blob: $0) }
        }
        XCTAssertEqual(decoded, [image, mfcc, doubles])
        XCTAssertEqual(try text("SELECT tensor_json(value) FROM t WHERE name = 'mfcc'"), "[[-1.5,0.25],[3e-08,7.0],[1e+30,-0.0]]")
    }

    func testSwiftConstructorsRefuseAShapeThatDisagrees() {
        XCTAssertThrowsError(try Tensor(shape: [2, 3], uint8: [1, 2, 3])) { error in
            XCTAssertEqual("\(error)", "the shape [2, 3] needs 6 elements, not 3")
        }
        XCTAssertThrowsError(try Tensor(shape: [-1], float64: []))
        XCTAssertThrowsError(try Tensor(shape: Array(repeating: 1, count: 17), float32: [0]))
    }

    // MARK: - tensor() and tensor_json()

    func testJSONRoundTripsForEveryDType() throws {
        for (json, dtype) in [("[[0,255],[7,8]]", "uint8"), ("[[1.5,-0.1],[3.0,4e-07]]", "float32"),
                              ("[[[0.1,0.2]],[[1e+100,-5e-324]]]", "float64"), ("[]", "float64"), ("[[],[]]", "uint8"), ("2.0", "float64"),
                              ("[-2147483648,0,2147483647]", "int32")] {
            XCTAssertEqual(try text("SELECT tensor_json(tensor(?, ?))", [json, dtype]), json, dtype)
            XCTAssertEqual(try value("SELECT tensor(tensor_json(tensor(?, ?)), ?) = tensor(?, ?)", [json, dtype, dtype, json, dtype]), 1.databaseValue)
        }
        XCTAssertEqual(try text("SELECT tensor_shape(tensor('[[],[]]'))"), "[2,0]")
        XCTAssertEqual(try text("SELECT tensor_dtype(tensor('[1]'))"), "float64", "the default dtype")
        XCTAssertEqual(try text("SELECT tensor_dtype(tensor('[1]', 'FLOAT32'))"), "float32", "dtype names ignore case")
        XCTAssertEqual(try text("SELECT tensor_json(tensor(' [ [1 , 2] ] ', 'uint8'))"), "[[1,2]]", "JSON whitespace")
    }

    /// Rule (1).
    func testNullsGiveNull() throws {
        for function in ["tensor", "tensor_shape", "tensor_dtype", "tensor_json", "tensor_mean", "tensor_std", "tensor_min", "tensor_max"] {
            XCTAssertEqual(try value("SELECT \(function)(NULL)"), .null, function)
        }
        XCTAssertEqual(try value("SELECT tensor_pad(NULL, 3)"), .null)
        XCTAssertEqual(try value("SELECT tensor_pad(tensor('[1]'), NULL)"), .null)
        XCTAssertEqual(try value("SELECT tensor(NULL, 'uint8')"), .null)
    }

    func testTensorRefusesWhatIsNotANumericArray() {
        XCTAssertEqual(error("SELECT tensor('[[1,2],[3]]')"), "tensor(): the nested arrays are not rectangular: entry [1] has 1 entries where 2 were expected")
        XCTAssertEqual(error("SELECT tensor('[[1,2],3]')"), "tensor(): the nested arrays are not rectangular: entry [1] is a number where an array of 2 was expected")
        XCTAssertEqual(error("SELECT tensor('[1,[2]]')"), "tensor(): the nested arrays are not rectangular: entry [1] is an array where a number was expected")
        XCTAssertEqual(error("SELECT tensor('[1,true]')"), "tensor(): the text is not JSON made of nested arrays of numbers, such as '[[1,2],[3,4]]'")
        XCTAssertEqual(error("SELECT tensor('[1,\"2\"]')"), "tensor(): the text is not JSON made of nested arrays of numbers, such as '[[1,2],[3,4]]'")
        XCTAssertEqual(error("SELECT tensor('[1,2')"), "tensor(): the text is not JSON made of nested arrays of numbers, such as '[[1,2],[3,4]]'")
        XCTAssertEqual(error("SELECT tensor(42)"), "tensor(): first argument must be JSON text of nested arrays of numbers, such as '[[1,2],[3,4]]'")
        XCTAssertEqual(error("SELECT tensor('[256]', 'uint8')"), "tensor(): 256 does not fit uint8 (integers 0 to 255)")
        XCTAssertEqual(error("SELECT tensor('[0.5]', 'uint8')"), "tensor(): 0.5 does not fit uint8 (integers 0 to 255)")
        XCTAssertEqual(error("SELECT tensor('[2147483648]', 'int32')"), "tensor(): 2147483648 does not fit int32 (integers -2147483648 to 2147483647)")
        XCTAssertEqual(error("SELECT tensor('[1e39]', 'float32')"), "tensor(): 1e+39 does not fit float32 (largest magnitude 3.4028235e+38)")
        XCTAssertEqual(error("SELECT tensor('[1]', 'int8')"), "tensor(): second argument must be the dtype 'uint8', 'int32', 'float32' or 'float64'")
        XCTAssertEqual(error("SELECT tensor(?)", [String(repeating: "[", count: 17) + String(repeating: "]", count: 17)]), "tensor(): a tensor has at most 16 axes, not 17")
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        XCTAssertNotNil(error("SELECT tensor(?)", [deep]), "very deep nesting is an error, not a stack overflow")
    }

    /// Rule (5).
    func testJSONOfALargeTensorIsRefusedWithAHint() throws {
        let big = try Tensor(shape: [100_001], uint8: Array(repeating: 1, count: 100_001))
        XCTAssertEqual(error("SELECT tensor_json(?)", [Data(big.blob)]),
                       "tensor_json(): the tensor has 100001 elements; at most 100000 are written as JSON. Summarize it with tensor_mean() and friends, or cut it with tensor_pad()")
        let nonFinite = try Tensor(shape: [3], float64: [.nan, .infinity, 1])
        XCTAssertEqual(try text("SELECT tensor_json(?)", [Data(nonFinite.blob)]), "[null,null,1.0]")
    }

    // MARK: - Summaries

    /// numpy 2.x on `(np.arange(24, dtype=np.float32) * np.float32(0.1)).reshape(2,3,4)`:
    /// `a.astype(np.float64).mean()` 1.1500000193094213, `a.std(dtype=np.float64)`
    /// 0.6922186650422926, `a.min()` 0.0, `a.max()` 2.299999952316284.
    func testSummariesMatchNumpy() throws {
        let values = (0..<24).map { Float($0) * Float(0.1) }
        let blob = Data(try Tensor(shape: [2, 3, 4], float32: values).blob)
        XCTAssertEqual(try XCTUnwrap(real("SELECT tensor_mean(?)", [blob])), 1.1500000193094213, accuracy: 1e-15)
        XCTAssertEqual(try XCTUnwrap(real("SELECT tensor_std(?)", [blob])), 0.6922186650422926, accuracy: 1e-15)
        XCTAssertEqual(try real("SELECT tensor_min(?)", [blob]), 0.0)
        XCTAssertEqual(try real("SELECT tensor_max(?)", [blob]), 2.299999952316284)
        // numpy: np.arange(64*64*3).reshape(64,64,3).astype(np.uint8): mean 127.5, std 73.90027063549903.
        let image = Data(try Tensor(shape: [64, 64, 3], uint8: (0..<(64 * 64 * 3)).map { UInt8(truncatingIfNeeded: $0) }).blob)
        XCTAssertEqual(try real("SELECT tensor_mean(?)", [image]), 127.5)
        XCTAssertEqual(try XCTUnwrap(real("SELECT tensor_std(?)", [image])), 73.90027063549903, accuracy: 1e-12)
        XCTAssertEqual(try real("SELECT tensor_max(?)", [image]), 255)
    }

    /// numpy: np.array([1e9+1, 1e9+2, 1e9+3, 1e9+4]): mean 1000000002.5, std 1.118033988749895.
    func testLargeOffsetKeepsItsDigits() throws {
        let blob = Data(try Tensor(shape: [4], float64: [1e9 + 1, 1e9 + 2, 1e9 + 3, 1e9 + 4]).blob)
        XCTAssertEqual(try real("SELECT tensor_mean(?)", [blob]), 1_000_000_002.5)
        XCTAssertEqual(try XCTUnwrap(real("SELECT tensor_std(?)", [blob])), 1.118033988749895, accuracy: 1e-14)
    }

    /// Rules (3), (4): one value, all equal, empty, NaN and infinities as numpy has them.
    func testEdgeCases() throws {
        XCTAssertEqual(try real("SELECT tensor_std(tensor('7'))"), 0, "a scalar")
        XCTAssertEqual(try real("SELECT tensor_mean(tensor('7'))"), 7)
        XCTAssertEqual(try real("SELECT tensor_std(tensor('[[3,3],[3,3]]', 'uint8'))"), 0, "all equal")
        for function in ["tensor_mean", "tensor_std", "tensor_min", "tensor_max"] {
            XCTAssertEqual(try value("SELECT \(function)(tensor('[[],[]]'))"), .null, "\(function) of an empty tensor")
        }
        let withNaN = Data(try Tensor(shape: [3], float32: [1, .nan, 2]).blob)
        for function in ["tensor_mean", "tensor_std", "tensor_min", "tensor_max"] {
            XCTAssertEqual(try value("SELECT \(function)(?)", [withNaN]), .null, "\(function) with a NaN")
        }
        let withInfinity = Data(try Tensor(shape: [2], float64: [1, .infinity]).blob)
        XCTAssertEqual(try real("SELECT tensor_mean(?)", [withInfinity]), .infinity)
        XCTAssertEqual(try real("SELECT tensor_max(?)", [withInfinity]), .infinity)
        XCTAssertEqual(try real("SELECT tensor_min(?)", [withInfinity]), 1)
        XCTAssertEqual(try value("SELECT tensor_std(?)", [withInfinity]), .null)
    }

    func testSummariesWorkPerRowAndUnderAggregates() throws {
        try store.queue.write { db in
            try db.execute(sql: "CREATE TABLE images (label TEXT, pixels BLOB)")
            try db.execute(sql: "INSERT INTO images VALUES ('dark', tensor('[[0,10],[20,30]]', 'uint8')), ('light', tensor('[[200,210],[220,230]]', 'uint8')), ('light', tensor('[[250,250],[250,250]]', 'uint8'))")
        }
        let rows = try store.queue.read { db in
            try Row.fetchAll(db, sql: "SELECT label, avg(tensor_mean(pixels)) AS brightness, median(tensor_max(pixels)) AS brightest FROM images GROUP BY label ORDER BY label")
        }
        XCTAssertEqual(rows, [["label": "dark", "brightness": 15.0, "brightest": 30.0], ["label": "light", "brightness": 232.5, "brightest": 240.0]])
    }

    // MARK: - tensor_pad

    func testPadCutsOrZeroPadsTheFirstAxis() throws {
        XCTAssertEqual(try text("SELECT tensor_json(tensor_pad(tensor('[[1,2],[3,4]]', 'uint8'), 4))"), "[[1,2],[3,4],[0,0],[0,0]]")
        XCTAssertEqual(try text("SELECT tensor_json(tensor_pad(tensor('[[1,2],[3,4],[5,6]]', 'float32'), 1))"), "[[1.0,2.0]]")
        XCTAssertEqual(try text("SELECT tensor_shape(tensor_pad(tensor('[[1,2],[3,4]]'), 0))"), "[0,2]")
        XCTAssertEqual(try text("SELECT tensor_json(tensor_pad(tensor('[[],[]]'), 3))"), "[[],[],[]]")
        XCTAssertEqual(try text("SELECT tensor_json(tensor_pad(tensor('[1,2]'), 2))"), "[1.0,2.0]", "the same length changes nothing")
        XCTAssertEqual(try text("SELECT tensor_dtype(tensor_pad(tensor('[1]', 'float32'), 5))"), "float32")
        XCTAssertEqual(try text("SELECT tensor_shape(tensor_pad(tensor('[[[1]]]'), 3))"), "[3,1,1]")
    }

    func testPadRefusesScalarsNegativeAndHugeLengths() {
        XCTAssertEqual(error("SELECT tensor_pad(tensor('3'), 2)"), "tensor_pad(): a scalar tensor has no axis to pad")
        XCTAssertEqual(error("SELECT tensor_pad(tensor('[1]'), -1)"), "tensor_pad(): the length must be 0 or more, not -1")
        XCTAssertEqual(error("SELECT tensor_pad(tensor('[1]'), 'x')"), "tensor_pad(): second argument must be an integer length")
        XCTAssertEqual(error("SELECT tensor_pad(tensor('[[1]]'), 100000000000)"),
                       "tensor_pad(): a tensor of shape [100000000000,1] would be larger than the 1000000000 bytes a BLOB may hold")
    }

    // MARK: - Malformed BLOBs (rule 2)

    func testMalformedBlobsAreErrorsThatSayWhy() throws {
        let valid = try Tensor(shape: [2, 3], float32: [1, 2, 3, 4, 5, 6]).blob
        func changed(_ edit: (inout [UInt8]) -> Void) -> Data {
            var bytes = valid
            edit(&bytes)
            return Data(bytes)
        }
        let cases: [(Data, String)] = [
            (Data(), "the BLOB is not a tensor: it does not start with the bytes 'TNSR' (see schema/TENSOR_FORMAT.md)"),
            (changed { $0[0] = UInt8(ascii: "X") }, "the BLOB is not a tensor: it does not start with the bytes 'TNSR' (see schema/TENSOR_FORMAT.md)"),
            (changed { $0[4] = 2 }, "the tensor has format version 2; this store reads version 1"),
            (changed { $0[5] = 9 }, "the tensor has an unknown dtype code 9 (1 uint8, 2 float32, 3 float64, 4 int32)"),
            (changed { $0[6] = 17 }, "the tensor claims 17 axes; at most 16 are allowed"),
            (changed { $0[6] = 10 }, "the tensor is cut short: its header needs 88 bytes, the BLOB has 48"),
            (changed { $0.removeLast() }, "the tensor's header says shape [2,3] of float32, but the BLOB has 23 data bytes"),
            (changed { $0.append(0) }, "the tensor's header says shape [2,3] of float32, but the BLOB has 25 data bytes"),
            (changed { $0[5] = 3 }, "the tensor's header says shape [2,3] of float64, but the BLOB has 24 data bytes"),
            (changed { $0[15] = 0x40; $0[23] = 0x40 }, "the tensor's header says shape [4611686018427387906,4611686018427387907] of float32, but the BLOB has 24 data bytes"),
            (changed { $0[15] = 0xFF }, "the tensor's axis 0 has an impossible length 18374686479671623682"),
        ]
        for (blob, reason) in cases {
            for function in ["tensor_shape", "tensor_dtype", "tensor_json", "tensor_mean", "tensor_std", "tensor_min", "tensor_max"] {
                XCTAssertEqual(error("SELECT \(function)(?)", [blob]), "\(function)(): \(reason)")
            }
            XCTAssertEqual(error("SELECT tensor_pad(?, 1)", [blob]), "tensor_pad(): \(reason)")
        }
        XCTAssertEqual(error("SELECT tensor_mean('[1,2]')"), "tensor_mean(): first argument must be a tensor BLOB (made by tensor() or an ingest), not TEXT")
        XCTAssertEqual(error("SELECT tensor_shape(3.5)"), "tensor_shape(): first argument must be a tensor BLOB (made by tensor() or an ingest), not a REAL")
    }

    /// Every cut and every single-byte change of a valid BLOB is either a
    /// tensor or an error: no crash, no read past the end.
    func testEveryTruncationAndByteFlipIsSafe() throws {
        let valid = try Tensor(shape: [2, 1, 3], float64: [1, 2, 3, 4, 5, 6]).blob
        var blobs = (0..<valid.count).map { Data(valid.prefix($0)) }
        for index in 0..<valid.count {
            for flip: UInt8 in [0x01, 0x80, 0xFF] {
                var bytes = valid
                bytes[index] ^= flip
                blobs.append(Data(bytes))
            }
        }
        var refused = 0
        for blob in blobs {
            for function in ["tensor_shape", "tensor_json", "tensor_mean", "tensor_std", "tensor_max"] {
                if error("SELECT \(function)(?)", [blob]) != nil { refused += 1 }
            }
            _ = error("SELECT tensor_pad(?, 4)", [blob])
        }
        XCTAssertGreaterThan(refused, valid.count * 5, "the cuts at least are refused")
    }
}
