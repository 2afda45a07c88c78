//! `noise`: a number plus calibrated random noise (the Laplace or the
//! Gaussian mechanism), sampled so that the output reveals nothing beyond
//! the noisy value.
//!
//! Naive floating-point noise (`x + Laplace(b)` in doubles) leaks the input
//! through which doubles can come out (Mironov, "On significance of the
//! least significant bits for differential privacy", CCS 2012). Here the
//! value is first rounded to a grid (`step`), and an exact integer sample
//! of the discrete Laplace or discrete Gaussian distribution is added in
//! grid units, with the samplers of Canonne, Kamath and Steinke ("The
//! Discrete Gaussian for Differential Privacy", NeurIPS 2020): integer
//! arithmetic and rational probabilities only, no floating point. Every
//! integer can come out whatever the input, and the output is printed from
//! integers, so its digits carry nothing else.
//!
//! The random bits come from HMAC-SHA256 under the key, keyed by the
//! column's name, the row's line and the value: the same input, policy and
//! key give the same output however the input is cut (promise 3), and
//! running again does not draw fresh noise that could be averaged away.

use super::decimal;
use hmac::{Hmac, Mac};
use sha2::Sha256;

pub use crate::policy::NoiseMechanism as Mechanism;

/// Rationals are written over this denominator (parameters are rounded up,
/// so the noise is never less than asked).
const DENOM: u64 = 1_000_000;

/// A column's noise parameters, checked and in grid units.
#[derive(Clone, Debug)]
pub struct NoiseParams {
    mechanism: Mechanism,
    /// Laplace: scale in grid steps = `scale_num / DENOM`.
    /// Gaussian: σ² in grid steps = `scale_num / DENOM`.
    scale_num: u64,
    /// Gaussian: `floor(σ) + 1` in grid steps.
    gauss_t: u128,
    /// The grid: `step_units · 10^-decimals`.
    step_units: u64,
    decimals: u32,
    /// Clamp the output (grid units), post-processing.
    min: Option<i64>,
    max: Option<i64>,
}

/// A noise parameter out of range: the field and why.
#[derive(Debug, PartialEq, Eq)]
pub struct BadNoise(pub &'static str, pub String);

impl NoiseParams {
    /// `step` is the grid (1 for whole numbers, 0.01 for cents).
    pub fn new(
        mechanism: Mechanism,
        sensitivity: f64,
        epsilon: f64,
        delta: Option<f64>,
        step: f64,
        min: Option<f64>,
        max: Option<f64>,
    ) -> Result<NoiseParams, BadNoise> {
        let positive = |v: f64| v.is_finite() && v > 0.0;
        if !positive(epsilon) {
            return Err(BadNoise(
                "epsilon",
                format!("noise epsilon must be above 0, not {epsilon}"),
            ));
        }
        if !positive(sensitivity) {
            return Err(BadNoise(
                "sensitivity",
                format!("noise sensitivity must be above 0, not {sensitivity}"),
            ));
        }
        match (mechanism, delta) {
            (Mechanism::Laplace, Some(_)) => {
                return Err(BadNoise(
                    "delta",
                    "laplace noise takes no delta (it is ε-DP)".into(),
                ))
            }
            (Mechanism::Gaussian, None) => {
                return Err(BadNoise(
                    "delta",
                    "gaussian noise needs a delta, e.g. 1e-6".into(),
                ))
            }
            (Mechanism::Gaussian, Some(d)) if !(d > 0.0 && d < 1.0) => {
                return Err(BadNoise(
                    "delta",
                    format!("delta must be above 0 and below 1, not {d}"),
                ))
            }
            (Mechanism::Gaussian, _) if epsilon >= 1.0 => {
                return Err(BadNoise(
                    "epsilon",
                    "gaussian noise's σ bound holds for epsilon below 1; use laplace above".into(),
                ))
            }
            _ => {}
        }
        let (step_units, decimals) = grid(step)?;
        let step_value = step_units as f64 / 10f64.powi(decimals as i32);
        // A change of `sensitivity` moves the rounded value by at most this
        // many steps (rounding is monotone and shifts by whole steps).
        let steps = (sensitivity / step_value - 1e-9).ceil().max(1.0);
        let scale = match mechanism {
            Mechanism::Laplace => steps / epsilon,
            Mechanism::Gaussian => {
                let sigma = steps * (2.0 * (1.25 / delta.unwrap_or(1.0)).ln()).sqrt() / epsilon;
                sigma * sigma
            }
        };
        let scale_num = (scale * DENOM as f64).ceil();
        // Bounded so the samplers' integer products fit in 128 bits.
        if !(1.0..=1e15).contains(&scale_num) {
            return Err(BadNoise(
                "epsilon",
                "the noise this sensitivity, epsilon and step ask for is out of range".into(),
            ));
        }
        let on_grid = |v: Option<f64>| v.map(|v| (v / step_value).round() as i64);
        let (min, max) = (on_grid(min), on_grid(max));
        if let (Some(a), Some(b)) = (min, max) {
            if a > b {
                return Err(BadNoise("min", "min must not be above max".into()));
            }
        }
        let scale_num = scale_num as u64;
        Ok(NoiseParams {
            mechanism,
            gauss_t: gauss_t(u128::from(scale_num), u128::from(DENOM)),
            scale_num,
            step_units,
            decimals,
            min,
            max,
        })
    }
}

/// One column's noise, ready to run.
#[derive(Clone, Debug)]
pub struct Noise {
    mac: Hmac<Sha256>,
    params: NoiseParams,
}

impl Noise {
    /// `column` keeps two columns' noise apart.
    pub fn new(key: &[u8], column: &str, params: NoiseParams) -> Result<Noise, String> {
        let mut mac: Hmac<Sha256> = Hmac::new_from_slice(key).map_err(|e| e.to_string())?;
        mac.update(b"pii-mask noise\0");
        mac.update(column.as_bytes());
        mac.update(b"\0");
        Ok(Noise { mac, params })
    }

    /// The noisy value of `cell` (on row `line`), or `None` when the cell is
    /// not a number.
    pub fn apply(&self, cell: &str, line: u64, out: &mut Vec<u8>) -> Option<()> {
        let x: f64 = cell.trim().parse().ok().filter(|x: &f64| x.is_finite())?;
        let step = self.params.step_units as f64 / 10f64.powi(self.params.decimals as i32);
        let on_grid = (x / step).round();
        if on_grid.abs() > 1e15 {
            return None;
        }
        let mut mac = self.mac.clone();
        mac.update(&line.to_le_bytes());
        mac.update(cell.as_bytes());
        let mut bits = Bits::new(mac);
        let z = match self.params.mechanism {
            Mechanism::Laplace => {
                discrete_laplace(&mut bits, DENOM as u128, self.params.scale_num as u128)
            }
            Mechanism::Gaussian => discrete_gaussian(
                &mut bits,
                self.params.scale_num as u128,
                DENOM as u128,
                self.params.gauss_t,
            ),
        };
        let mut y = (on_grid as i64).saturating_add(z);
        if let Some(m) = self.params.min {
            y = y.max(m);
        }
        if let Some(m) = self.params.max {
            y = y.min(m);
        }
        decimal::write(
            i128::from(y) * i128::from(self.params.step_units),
            self.params.decimals,
            out,
        );
        Some(())
    }
}

/// The grid `step` as an integer and a count of decimals (`0.25` → 25, 2).
fn grid(step: f64) -> Result<(u64, u32), BadNoise> {
    match decimal::from_param(step) {
        Some((units, decimals)) if step > 0.0 && step <= 1e9 => Ok((units as u64, decimals)),
        _ => Err(BadNoise(
            "step",
            format!("step must be a number above 0 with at most 6 decimals, not {step}"),
        )),
    }
}

/// Uniform random bits: HMAC-SHA256 of the cell's inputs and a counter.
struct Bits {
    mac: Hmac<Sha256>,
    block: [u8; 32],
    used: usize,
    counter: u64,
}

impl Bits {
    fn new(mac: Hmac<Sha256>) -> Bits {
        Bits {
            mac,
            block: [0; 32],
            used: 32,
            counter: 0,
        }
    }

    fn next_u64(&mut self) -> u64 {
        if self.used + 8 > 32 {
            let mut mac = self.mac.clone();
            mac.update(&self.counter.to_le_bytes());
            self.block = mac.finalize().into_bytes().into();
            self.counter += 1;
            self.used = 0;
        }
        let mut word = [0; 8];
        word.copy_from_slice(&self.block[self.used..self.used + 8]);
        self.used += 8;
        u64::from_le_bytes(word)
    }

    /// Uniform in `0..n` (n > 0), by rejection: no modulo bias.
    fn below(&mut self, n: u128) -> u128 {
        if n <= 1 {
            return 0;
        }
        let bits = 128 - (n - 1).leading_zeros();
        loop {
            let hi = u128::from(self.next_u64());
            let lo = u128::from(self.next_u64());
            let r = ((hi << 64) | lo) >> (128 - bits);
            if r < n {
                return r;
            }
        }
    }

    /// True with probability `num / den`.
    fn bernoulli(&mut self, num: u128, den: u128) -> bool {
        self.below(den) < num
    }

    /// True with probability `exp(-num/den)` (CKS20, Algorithm 1).
    fn bernoulli_exp(&mut self, mut num: u128, den: u128) -> bool {
        while num > den {
            if !self.bernoulli_exp_at_most_one(1, 1) {
                return false;
            }
            num -= den;
        }
        self.bernoulli_exp_at_most_one(num, den)
    }

    /// exp(-γ) for γ = num/den in [0, 1]: the parity of the first failure
    /// of Bernoulli(γ/k), k = 1, 2, ...
    fn bernoulli_exp_at_most_one(&mut self, num: u128, den: u128) -> bool {
        let mut k: u128 = 1;
        while self.bernoulli(num, den * k) {
            k += 1;
        }
        k % 2 == 1
    }
}

/// Discrete Laplace with scale `t/s`: P(z) ∝ exp(-|z|·s/t) (CKS20,
/// Algorithm 2).
fn discrete_laplace(bits: &mut Bits, s: u128, t: u128) -> i64 {
    loop {
        let u = bits.below(t);
        if !bits.bernoulli_exp(u, t) {
            continue;
        }
        let mut v: u128 = 0;
        while bits.bernoulli_exp(1, 1) {
            v += 1;
        }
        let y = (u + t * v) / s;
        let negative = bits.bernoulli(1, 2);
        if negative && y == 0 {
            continue;
        }
        let y = i64::try_from(y).unwrap_or(i64::MAX);
        return if negative { -y } else { y };
    }
}

/// `floor(σ) + 1` for σ² = `num / den`, in integers.
fn gauss_t(num: u128, den: u128) -> u128 {
    let mut t = ((num as f64 / den as f64).sqrt() as u128).max(1);
    while t * t * den > num && t > 1 {
        t -= 1;
    }
    while t * t * den <= num {
        t += 1;
    }
    t
}

/// Discrete Gaussian with variance `sigma2_num / sigma2_den`: P(z) ∝
/// exp(-z²/2σ²) (CKS20, Algorithm 3); `t` is [`gauss_t`] of the variance.
fn discrete_gaussian(bits: &mut Bits, sigma2_num: u128, sigma2_den: u128, t: u128) -> i64 {
    loop {
        let y = discrete_laplace(bits, 1, t);
        let abs = u128::from(y.unsigned_abs());
        // Accept with exp(-(|y| - σ²/t)² / 2σ²) = exp(-(|y|·t·q - p)² / (2·p·q·t²)).
        let diff = (abs * t * sigma2_den).abs_diff(sigma2_num);
        let num = diff * diff;
        let den = 2 * sigma2_num * sigma2_den * t * t;
        if bits.bernoulli_exp(num, den) {
            return y;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(m: Mechanism, eps: f64, delta: Option<f64>, step: f64) -> NoiseParams {
        NoiseParams::new(m, 1.0, eps, delta, step, None, None).unwrap()
    }

    fn noise(m: Mechanism, eps: f64, delta: Option<f64>, step: f64) -> Noise {
        Noise::new(
            b"a key of sixteen+ bytes",
            "income",
            params(m, eps, delta, step),
        )
        .unwrap()
    }

    fn run(n: &Noise, cell: &str, line: u64) -> String {
        let mut out = Vec::new();
        n.apply(cell, line, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn grids_and_decimals() {
        assert_eq!(grid(1.0), Ok((1, 0)));
        assert_eq!(grid(0.25), Ok((25, 2)));
        assert_eq!(grid(500.0), Ok((500, 0)));
        assert!(grid(0.0).is_err() && grid(1e-7).is_err() && grid(f64::NAN).is_err());
    }

    /// Mean, spread and tails of many draws against the distribution's.
    #[test]
    fn laplace_samples_have_the_stated_scale() {
        // Scale b = sensitivity/epsilon = 4 steps: mean 0, E|z| ≈ b, P(|z| > 3b) ≈ e^-3.
        let n = noise(Mechanism::Laplace, 0.25, None, 1.0);
        let draws: Vec<f64> = (0..20_000)
            .map(|i| run(&n, "100", i).parse::<f64>().unwrap() - 100.0)
            .collect();
        let mean = draws.iter().sum::<f64>() / draws.len() as f64;
        let mad = draws.iter().map(|z| z.abs()).sum::<f64>() / draws.len() as f64;
        let tail = draws.iter().filter(|z| z.abs() > 12.0).count() as f64 / draws.len() as f64;
        assert!(mean.abs() < 0.15, "mean {mean}");
        // The discrete Laplace's E|z| for scale 4 is 2p/(1-p²)... ≈ 3.96.
        let p = (-0.25f64).exp();
        let want = 2.0 * p / ((1.0 - p) * (1.0 + p));
        assert!((mad - want).abs() < 0.15, "E|z| {mad}, want {want}");
        let want_tail = 2.0 * p.powi(13) / (1.0 + p);
        assert!(
            (tail - want_tail).abs() < 0.01,
            "tail {tail}, want {want_tail}"
        );
        assert!(draws.iter().all(|z| z.fract() == 0.0), "on the grid");
    }

    #[test]
    fn gaussian_samples_have_the_stated_variance() {
        // σ = sqrt(2 ln(1.25/1e-5)) / 0.5 ≈ 9.70 steps.
        let n = noise(Mechanism::Gaussian, 0.5, Some(1e-5), 1.0);
        let sigma = (2.0 * (1.25f64 / 1e-5).ln()).sqrt() / 0.5;
        let draws: Vec<f64> = (0..20_000)
            .map(|i| run(&n, "0", i).parse::<f64>().unwrap())
            .collect();
        let mean = draws.iter().sum::<f64>() / draws.len() as f64;
        let var = draws.iter().map(|z| (z - mean).powi(2)).sum::<f64>() / draws.len() as f64;
        assert!(mean.abs() < 0.3, "mean {mean}");
        assert!(
            (var.sqrt() - sigma).abs() / sigma < 0.03,
            "sd {} want {sigma}",
            var.sqrt()
        );
        let beyond =
            draws.iter().filter(|z| z.abs() > 2.0 * sigma).count() as f64 / draws.len() as f64;
        assert!((beyond - 0.0455).abs() < 0.01, "P(|z| > 2σ) = {beyond}");
    }

    #[test]
    fn outputs_are_on_the_grid_whatever_the_input_digits() {
        // Two inputs that round to the same grid point can come out as the
        // same values: the output's digits carry only the grid point.
        let n = noise(Mechanism::Laplace, 1.0, None, 0.5);
        let a: std::collections::BTreeSet<String> =
            (0..3000).map(|i| run(&n, "10.01", i)).collect();
        let b: std::collections::BTreeSet<String> = (0..3000).map(|i| run(&n, "9.99", i)).collect();
        for v in a.iter().chain(&b) {
            let x: f64 = v.parse().unwrap();
            assert_eq!((x * 2.0).fract(), 0.0, "{v} is on the 0.5 grid");
            assert!(!v.contains("e"), "{v}");
        }
        assert!(a.len() > 10 && b.len() > 10);
        let common = a.intersection(&b).count();
        assert!(common * 10 > a.len() * 8, "{common} of {}", a.len());
    }

    #[test]
    fn the_same_cell_on_the_same_row_gets_the_same_noise_and_other_rows_other_noise() {
        let n = noise(Mechanism::Laplace, 0.1, None, 1.0);
        assert_eq!(run(&n, "50", 7), run(&n, "50", 7));
        let values: std::collections::BTreeSet<String> =
            (0..50).map(|i| run(&n, "50", i)).collect();
        assert!(values.len() > 20);
        let other = Noise::new(
            b"another key of 16 bytes",
            "income",
            params(Mechanism::Laplace, 0.1, None, 1.0),
        )
        .unwrap();
        assert!((0..20).any(|i| run(&n, "50", i) != run(&other, "50", i)));
    }

    #[test]
    fn clamped_and_refused() {
        let p = NoiseParams::new(
            Mechanism::Laplace,
            1.0,
            0.05,
            None,
            1.0,
            Some(0.0),
            Some(120.0),
        )
        .unwrap();
        let n = Noise::new(b"a key of sixteen+ bytes", "age", p).unwrap();
        for i in 0..500 {
            let v: i64 = run(&n, "1", i).parse().unwrap();
            assert!((0..=120).contains(&v));
        }
        assert!(n.apply("n/a", 1, &mut Vec::new()).is_none());
        assert!(n.apply("NaN", 1, &mut Vec::new()).is_none());
        assert!(n.apply("1e300", 1, &mut Vec::new()).is_none());
        let field = |r: Result<NoiseParams, BadNoise>| r.err().map(|e| e.0);
        let lap = Mechanism::Laplace;
        let gau = Mechanism::Gaussian;
        assert_eq!(
            field(NoiseParams::new(
                lap,
                1.0,
                1.0,
                None,
                1.0,
                Some(5.0),
                Some(1.0)
            )),
            Some("min")
        );
        assert_eq!(
            field(NoiseParams::new(lap, 1e12, 1e-6, None, 1.0, None, None)),
            Some("epsilon")
        );
        assert_eq!(
            field(NoiseParams::new(lap, 1.0, 0.0, None, 1.0, None, None)),
            Some("epsilon")
        );
        assert_eq!(
            field(NoiseParams::new(lap, -1.0, 1.0, None, 1.0, None, None)),
            Some("sensitivity")
        );
        assert_eq!(
            field(NoiseParams::new(lap, 1.0, 1.0, Some(0.1), 1.0, None, None)),
            Some("delta")
        );
        assert_eq!(
            field(NoiseParams::new(gau, 1.0, 0.5, None, 1.0, None, None)),
            Some("delta")
        );
        assert_eq!(
            field(NoiseParams::new(gau, 1.0, 0.5, Some(1.0), 1.0, None, None)),
            Some("delta")
        );
        assert_eq!(
            field(NoiseParams::new(gau, 1.0, 1.5, Some(1e-6), 1.0, None, None)),
            Some("epsilon")
        );
        assert_eq!(
            field(NoiseParams::new(lap, 1.0, 1.0, None, 1e-9, None, None)),
            Some("step")
        );
    }
}
