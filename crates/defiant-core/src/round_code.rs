//! Round codes: a round's seed as a short code people can read out and type.
//!
//! A code is 8 characters of Crockford base32 (no I, L, O or U), shown as `ABCD-EFGH`,
//! holding a 40-bit seed. Typing is forgiving: case, spaces and dashes are ignored, and
//! `I`/`L` read as 1, `O` as 0.

use thiserror::Error;

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// Characters in a code, not counting the dash.
pub const CODE_LEN: usize = 8;
/// Seeds that fit in a code: 5 bits per character.
pub const SEED_BITS: u32 = 5 * CODE_LEN as u32;

/// Why a typed round code cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CodeError {
    /// The code has the wrong number of characters (this many).
    #[error("a round code has {CODE_LEN} characters; this one has {0}")]
    WrongLength(usize),
    /// The code has a character no code uses.
    #[error("`{0}` cannot appear in a round code")]
    BadCharacter(char),
}

/// A fresh random seed that fits in a code.
pub fn fresh_seed() -> u64 {
    rand::random::<u64>() >> (64 - SEED_BITS)
}

/// The code for `seed` (only its low 40 bits count), e.g. `7KQ2-M9XD`.
pub fn encode(seed: u64) -> String {
    let mut out = String::with_capacity(CODE_LEN + 1);
    for i in (0..CODE_LEN).rev() {
        let digit = (seed >> (5 * i)) & 31;
        out.push(ALPHABET[digit as usize] as char);
        if i == CODE_LEN / 2 {
            out.push('-');
        }
    }
    out
}

/// The seed for a typed code.
pub fn decode(code: &str) -> Result<u64, CodeError> {
    let mut seed = 0u64;
    let mut len = 0usize;
    for c in code.chars() {
        if c == '-' || c.is_whitespace() {
            continue;
        }
        let c = match c.to_ascii_uppercase() {
            'I' | 'L' => '1',
            'O' => '0',
            c => c,
        };
        let digit = ALPHABET
            .iter()
            .position(|&a| a as char == c)
            .ok_or(CodeError::BadCharacter(c))?;
        len += 1;
        if len <= CODE_LEN {
            seed = (seed << 5) | digit as u64;
        }
    }
    if len != CODE_LEN {
        return Err(CodeError::WrongLength(len));
    }
    Ok(seed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_bit() {
        for seed in [0, 1, 31, 32, 0xDEAD_BEEF, (1 << SEED_BITS) - 1] {
            assert_eq!(decode(&encode(seed)), Ok(seed), "seed {seed}");
        }
        assert_eq!(encode(0), "0000-0000");
        assert_eq!(encode((1 << SEED_BITS) - 1), "ZZZZ-ZZZZ");
    }

    #[test]
    fn typing_is_forgiving() {
        let code = encode(123_456_789);
        let sloppy = code.to_lowercase().replace('-', " ");
        assert_eq!(decode(&sloppy), Ok(123_456_789));
        assert_eq!(decode("0000-000l"), Ok(1));
        assert_eq!(decode("0000-000O"), Ok(0));
    }

    #[test]
    fn rejects_bad_codes() {
        assert_eq!(decode("ABC"), Err(CodeError::WrongLength(3)));
        assert_eq!(decode("ABCD-EFGH-J"), Err(CodeError::WrongLength(9)));
        assert_eq!(decode("ABCD-EFG!"), Err(CodeError::BadCharacter('!')));
        assert_eq!(decode("ABCD-EFGU"), Err(CodeError::BadCharacter('U')));
    }

    #[test]
    fn fresh_seeds_fit_in_a_code() {
        for _ in 0..100 {
            let seed = fresh_seed();
            assert!(seed < 1 << SEED_BITS);
            assert_eq!(decode(&encode(seed)), Ok(seed));
        }
    }
}
